using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Arrays;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Servers;
using CasDirectory.Core.Sites;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Servers;

/// <summary>
/// <para type="synopsis">Adds an Exchange server with what setup creates for its roles and version (a lab stand-in for setup). Its site is the site of its addresses (T1) unless -Site is given.</para>
/// </summary>
/// <example>
/// <code>New-ExchangeServer -Name E2K10-C1 -Roles Mailbox,ClientAccess,HubTransport -Version 14.2.247.5 -IPAddress 10.3.0.11</code>
/// <para>Adds an Exchange 2010 SP2 multi-role server; its site comes from the subnet containing 10.3.0.11.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "ExchangeServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Objects.ExchangeServer))]
public sealed class NewExchangeServerCommand : CasDirectoryCmdlet
{
    /// <summary>The computer name: at most 15 characters, letters, digits and hyphens.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [NameTransformation]
    [ValidateObjectName]
    public string Name { get; set; } = "";

    /// <summary>Its roles, such as Mailbox, ClientAccess, HubTransport (Edge alone).</summary>
    [Parameter(Mandatory = true)]
    [ServerRolesTransformation]
    public ServerRoles Roles { get; set; }

    /// <summary>Its version in dotted form, such as 14.2.247.5 (Exchange 2010 SP2).</summary>
    [Parameter(Mandatory = true)]
    [ValidateExchangeVersion]
    public string Version { get; set; } = "";

    /// <summary>Its IP addresses; its site is the site of the most specific subnet containing one (T1).</summary>
    [Parameter(Mandatory = true)]
    [ValidateIPAddress]
    [ValidateCount(1, 16)]
    public string[] IPAddress { get; set; } = [];

    /// <summary>Its FQDN; defaults to NAME.domain.</summary>
    [Parameter]
    [ValidateFqdn]
    public string? Fqdn { get; set; }

    /// <summary>Its site, instead of the one its addresses give.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public SiteIdParameter? Site { get; set; }

    /// <summary>Standard or Enterprise (default Enterprise).</summary>
    [Parameter]
    [ValidateSet("Standard", "Enterprise", "StandardEvaluation", "EnterpriseEvaluation", "Coexistence")]
    public string Edition { get; set; } = "Enterprise";

    protected override void InternalProcessRecord()
    {
        var name = ExchangeServerNames.RequireComputerName(Name);
        var version = ServerVersion.Parse(Version);
        var roles = ExchangeServerNames.RequireRoles(Roles);
        var addresses = IPAddress.Select(a => IpAddresses.Parse(a)).ToList();
        var directory = DataSession;
        var fqdn = Fqdn ?? ExchangeServerNames.RequireDefaultFqdn(name, directory.Partition.Domain.Value);
        var site = Site is not null ? ObjectLookup.Site(directory.ReadSites(), Site.RawIdentity, directory.Partition) : SiteResolver.SiteFor(addresses, directory.ReadSubnets());
        var topology = directory.ReadServersAndArrays();
        CurrentTarget = name;
        var existing = directory.ServerNamed(name);
        var same = existing is not null && ServerProvisioning.Same(existing, roles, version, fqdn, addresses, site, Edition);
        if (existing is { Provisioning: ProvisioningState.Removing })
            throw new DomainRuleException($"{name}'s removal was interrupted; finish it with Remove-ExchangeServer {name} before creating it again.");
        if (existing is { Provisioning: ProvisioningState.Creating } && !same)
            throw new DomainRuleException($"{name} was left half-created by an interrupted run with other values ({ServerProvisioning.Describe(existing)}); run that command again, or Remove-ExchangeServer {name} first.");
        if (existing is { IsComplete: true } && same && Resuming)
        {
            SkipDone($"Exchange server {name}");
            WriteObject(Objects.ExchangeServer.From(existing, directory.Partition));
            return;
        }
        var finishing = existing is { Provisioning: ProvisioningState.Creating };
        if (!finishing)
            ClientAccessArrayUniqueness.CheckServer(topology.Arrays, topology.Servers, name, fqdn);
        if (!ShouldWrite($"Exchange server \"{name}\" ({ServerRoleNames.Format(roles)}, {version.ToAdminDisplayVersion()}) in site \"{site ?? "(none)"}\""))
            return;
        if (site is null)
            WriteWarning($"No subnet contains {string.Join(", ", addresses)}, so {name} has no site. Add a subnet with New-ADReplicationSubnet, then Set-ExchangeServer -IPAddress.");
        Core.Servers.ExchangeServer created;
        try
        {
            created = directory.AddServer(name, fqdn, roles, version, addresses, site, Edition, finishing);
        }
        catch (Ldap.Errors.DirectoryRefusedException e) when (e.Result is Ldap.Errors.DirectoryResult.ConstraintViolation or Ldap.Errors.DirectoryResult.EntryAlreadyExists)
        {
            var fresh = directory.ReadServersAndArraysUncached(); // a rival write only slapd saw: same message as the check above
            ClientAccessArrayUniqueness.CheckServer(fresh.Arrays, fresh.Servers, name, fqdn);
            throw;
        }
        if (finishing)
            WriteWarning($"{name} had been left half-created by an interrupted run; its missing entries are written now.");
        WriteObject(Objects.ExchangeServer.From(created, directory.Partition));
    }
}
