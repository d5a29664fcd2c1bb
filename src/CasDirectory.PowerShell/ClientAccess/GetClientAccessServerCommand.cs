using System.Management.Automation;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Lists Client Access servers with their Autodiscover settings (AutoDiscoverSiteScope, AutoDiscoverServiceInternalUri), IRM logging settings and IsOutOfService.</para>
/// <para type="description">-IncludeAlternateServiceAccountCredentialStatus and -IncludeAlternateServiceAccountCredentialPassword fill AlternateServiceAccountConfiguration with the user names of the alternate service account credentials. No password is ever kept in the directory (Set-ClientAccessServer stores only the user names), so -IncludeAlternateServiceAccountCredentialPassword reveals nothing more: it is accepted so scripts run, and says so in a warning. The credentials' status (whether they still work) is not checked: there is no Kerberos here.</para>
/// </summary>
/// <example>
/// <code>Get-ClientAccessServer | Select Name, *URI | Format-Table -AutoSize</code>
/// <para>Shows each Client Access server's AutoDiscoverServiceInternalUri.</para>
/// </example>
/// <example>
/// <code>Get-ClientAccessServer -IncludeAlternateServiceAccountCredentialStatus | fl Name,AlternateServiceAccountConfiguration</code>
/// <para>Shows the alternate service account each server is configured with (user names only).</para>
/// </example>
/// <example>
/// <code>Get-ClientAccessServer -Identity "E2K10-MLT-01.lab.local"</code>
/// <para>Shows the Client Access server whose FQDN is E2K10-MLT-01.lab.local (Microsoft Learn, Get-ClientAccessServer, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-ClientAccessServer</code>
/// <para>Lists every Exchange server with the Client Access role (Microsoft Learn, Get-ClientAccessServer, Exchange 2010 example 2, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "ClientAccessServer")]
[OutputType(typeof(Objects.ClientAccessServer))]
public sealed class GetClientAccessServerCommand : CasDirectoryCmdlet
{
    /// <summary>The server: name, FQDN or DN.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ClientAccessServerIdParameter? Identity { get; set; }

    /// <summary>Accepted; no password is kept, so none is shown: AlternateServiceAccountConfiguration lists user names only.</summary>
    [Parameter] public SwitchParameter IncludeAlternateServiceAccountCredentialPassword { get; set; }

    /// <summary>Fills AlternateServiceAccountConfiguration with the alternate service accounts' user names (their status is not checked).</summary>
    [Parameter] public SwitchParameter IncludeAlternateServiceAccountCredentialStatus { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var servers = directory.ReadServersAndArrays().Servers.Where(s => s.HasRole(ServerRoles.ClientAccess)).ToList();
        var selected = Identity is null ? servers : [ObjectLookup.Server(servers, Identity.RawIdentity, "Client Access server")];
        if (IncludeAlternateServiceAccountCredentialPassword)
            WriteWarning("No alternate service account password is kept in the directory, so none can be shown: AlternateServiceAccountConfiguration lists user names only.");
        var includeAccounts = IncludeAlternateServiceAccountCredentialPassword || IncludeAlternateServiceAccountCredentialStatus;
        var scps = directory.ReadAutodiscoverScps();
        var outlookAnywhere = directory.ReadVirtualDirectories().Where(v => v.Kind == VirtualDirectoryKind.OutlookAnywhere)
            .Select(v => v.ServerName).ToHashSet(ObjectName.Comparer);
        foreach (var server in selected.ToList()) // a snapshot: a Remove- downstream changes the cached list
            WriteObject(Objects.ClientAccessServer.From(server, scps.FirstOrDefault(x => ObjectLookup.Same(x.ServerName, server.Name)),
                outlookAnywhere.Contains(server.Name), directory.Partition, includeAccounts));
    }
}
