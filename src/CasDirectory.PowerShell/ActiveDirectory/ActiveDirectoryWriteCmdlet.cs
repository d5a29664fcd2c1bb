using System.Management.Automation;

namespace CasDirectory.PowerShell.ActiveDirectory;

/// <summary>
/// What every cmdlet of the ActiveDirectory module shape shares: -Server (the module's name for -DomainController) and
/// -AuthType, beside -Credential (from <see cref="CasDirectoryCmdlet"/>).
/// </summary>
public abstract class ActiveDirectoryWriteCmdlet : CasDirectoryCmdlet
{
    /// <summary>The directory to ask: a host name, host:port, or an ldap:// or ldaps:// URL (as -DomainController).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Server { get; set; }

    /// <summary>Negotiate (the module's default) or Basic: either way a simple bind here (see ADAuthType).</summary>
    [Parameter]
    public Objects.ADAuthType AuthType { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (Server is null)
            return;
        if (DomainController is not null)
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Server and -DomainController name the same thing: give one."),
                                                  "ServerAndDomainController", ErrorCategory.InvalidArgument, Server));
        DomainController = Server.Contains("://", StringComparison.Ordinal) ? Server : "ldap://" + Server;
    }
}
