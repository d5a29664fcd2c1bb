using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Enables Outlook Anywhere (RPC over HTTP) on an Exchange 2010 Client Access server.</para>
/// </summary>
/// <example>
/// <code>Enable-OutlookAnywhere -Server CAS-A5 -ExternalHostname webmail.lab.local -ClientAuthenticationMethod Basic</code>
/// <para>Publishes Outlook Anywhere on CAS-A5 as webmail.lab.local.</para>
/// </example>
[Cmdlet(VerbsLifecycle.Enable, "OutlookAnywhere", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class EnableOutlookAnywhereCommand : CasDirectoryCmdlet
{
    /// <summary>The Exchange 2010 Client Access server.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter Server { get; set; } = null!;

    /// <summary>The host name Outlook Anywhere clients use, such as webmail.lab.local.</summary>
    [Parameter(Mandatory = true)]
    [ValidateFqdn("ExternalHostname")]
    public string ExternalHostname { get; set; } = "";

    /// <summary>Basic (default) or Ntlm.</summary>
    [Parameter]
    [ValidateSet("Basic", "Ntlm")]
    public string ClientAuthenticationMethod { get; set; } = "Basic";

    /// <summary>$true when SSL ends at a load balancer in front of the server.</summary>
    [Parameter]
    public bool SSLOffloading { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = Directory;
        var server = ObjectLookup.Server(directory.ReadServersAndArrays().Servers, Server.RawIdentity);
        CurrentTarget = server.Name;
        if (!server.IsRpcClientAccessServer)
            throw new DomainRuleException($"{server.Name} is not an Exchange 2010 Client Access server.");
        if (directory.ReadVirtualDirectories().Any(v => v.Kind == VirtualDirectoryKind.OutlookAnywhere && ObjectLookup.Same(v.ServerName, server.Name)))
            throw new DomainRuleException($"Outlook Anywhere is already enabled on {server.Name}. Set-OutlookAnywhere changes it.");
        if (ShouldWrite($"Exchange server \"{server.Name}\"", $"-ExternalHostname {ExternalHostname}"))
            directory.EnableOutlookAnywhere(server, ExternalHostname, ClientAuthenticationMethod.Equals("Ntlm", StringComparison.OrdinalIgnoreCase) ? 2 : 1, SSLOffloading);
    }
}
