using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Sites;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Creates a database availability group. A DAG may span sites; an array cannot (B4: its name is never an array's FQDN).</para>
/// </summary>
/// <example>
/// <code>New-DatabaseAvailabilityGroup -Name DAG01 -DatabaseAvailabilityGroupIpAddresses 10.1.0.50</code>
/// <para>Creates DAG01 with one IPv4 address.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "DatabaseAvailabilityGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Objects.DatabaseAvailabilityGroup))]
public sealed class NewDatabaseAvailabilityGroupCommand : CasDirectoryCmdlet
{
    /// <summary>The DAG's name: a cluster computer name, at most 15 characters.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [NameTransformation]
    [ValidateObjectName]
    public string Name { get; set; } = "";

    /// <summary>Its IPv4 addresses.</summary>
    [Parameter]
    [ValidateIPAddress("DatabaseAvailabilityGroupIpAddresses")]
    public string[] DatabaseAvailabilityGroupIpAddresses { get; set; } = [];

    protected override void InternalProcessRecord()
    {
        if (Name.Length > DatabaseAvailabilityGroup.MaximumNameLength || Name.Contains(' ') || Name.Contains('.'))
            throw new DomainRuleException($"-Name '{Name}' is not a cluster computer name: at most {DatabaseAvailabilityGroup.MaximumNameLength} characters, no spaces or dots.", isMalformedInput: true);
        var addresses = DatabaseAvailabilityGroupIpAddresses.Select(a => IpAddresses.Parse(a, "DatabaseAvailabilityGroupIpAddresses").ToString()).ToList();
        var directory = Directory;
        CurrentTarget = Name;
        var topology = directory.ReadServersAndArrays();
        if (directory.ReadDatabaseAvailabilityGroups(topology.Servers).FirstOrDefault(d => ObjectLookup.Same(d.Name, Name)) is { } existing)
        {
            if (!Resuming || !existing.IPv4Addresses.ToHashSet().SetEquals(addresses))
                throw new DomainRuleException($"A database availability group named '{Name}' already exists.");
            SkipDone($"Database availability group {Name}");
            WriteObject(Objects.DatabaseAvailabilityGroup.From(existing));
            return;
        }
        if (topology.Servers.Any(s => ObjectLookup.Same(s.Name, Name)))
            throw new DomainRuleException($"'{Name}' is already a server's name; a DAG's name becomes a computer name and must be unique.");
        if (!ShouldWrite($"Database availability group \"{Name}\""))
            return;
        Creating(() => { directory.AddDatabaseAvailabilityGroup(Name, addresses); return true; }, () => $"A database availability group named '{Name}' already exists.");
        var created = ObjectLookup.DatabaseAvailabilityGroup(directory.ReadDatabaseAvailabilityGroups(topology.Servers), Name);
        WriteObject(Objects.DatabaseAvailabilityGroup.From(created));
    }
}
