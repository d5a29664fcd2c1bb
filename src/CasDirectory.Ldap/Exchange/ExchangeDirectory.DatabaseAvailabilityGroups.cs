using System.DirectoryServices.Protocols;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;
using CasDirectory.Core.Settings;

namespace CasDirectory.Ldap.Exchange;

/// <summary>Database availability groups: the DAG entries, their settings (docs/settings.md) and their member servers' links.</summary>
public sealed partial class ExchangeDirectory
{
    private static readonly string[] DatabaseAvailabilityGroupAttributes =
        ["cn", "msExchMDBAvailabilityGroupIPv4Addresses", .. DatabaseAvailabilityGroupSettings.Attributes];

    /// <summary>DAGs with their member servers and stored settings: one search for DAGs, the members come from a server read.</summary>
    public IReadOnlyList<DatabaseAvailabilityGroup> ReadDatabaseAvailabilityGroups(IReadOnlyList<ExchangeServer> servers) =>
        Session.Search(Partition.DatabaseAvailabilityGroupsDn, "(objectClass=msExchMDBAvailabilityGroup)", SearchScope.OneLevel, DatabaseAvailabilityGroupAttributes)
            .Where(e => !Misnamed(e, "database availability group"))
            .Select(e => new DatabaseAvailabilityGroup(e.One("cn")!, e.DistinguishedName, e.All("msExchMDBAvailabilityGroupIPv4Addresses"),
                servers.Where(s => ObjectName.Comparer.Equals(s.DatabaseAvailabilityGroupName, e.One("cn"))).Select(s => s.Name).ToList())
            {
                Stored = EntryValues.Stored(e, DatabaseAvailabilityGroupSettings.Attributes),
            })
            .OrderBy(d => d.Name, ObjectName.Comparer).ToList();

    /// <summary>A new DAG with its addresses and the settings New-DatabaseAvailabilityGroup was given: one add.</summary>
    public void AddDatabaseAvailabilityGroup(string name, IReadOnlyList<string> addresses, IReadOnlyList<SettingChange>? settings = null)
    {
        var initial = InitialValues(DatabaseAvailabilityGroupSettings.ForWriting(settings ?? []));
        initial.Remove("msExchMDBAvailabilityGroupIPv4Addresses");
        Session.Add($"CN={LdapEscaping.DnValue(name)},{Partition.DatabaseAvailabilityGroupsDn}",
        [
            A("objectClass", "top", "msExchMDBAvailabilityGroup"), A("cn", name), A("msExchMDBAvailabilityGroupName", name),
            A("msExchMDBAvailabilityGroupIPv4Addresses", addresses.ToArray()), A("msExchVersion", Exchange2010ObjectVersion),
            .. initial.Select(i => (i.Key, i.Value)),
        ]);
    }

    /// <summary>Adds a member: the server's msExchMDBAvailabilityGroupLink names the DAG (one modify, the only write).</summary>
    public void AddDatabaseAvailabilityGroupServer(DatabaseAvailabilityGroup dag, ExchangeServer server)
    {
        Session.Replace(server.DistinguishedName, "msExchMDBAvailabilityGroupLink", dag.DistinguishedName);
        Replace(_servers, s => s.DistinguishedName == server.DistinguishedName, server with { DatabaseAvailabilityGroupName = dag.Name });
    }

    /// <summary>
    /// Undoes <see cref="AddDatabaseAvailabilityGroupServer"/> exactly: deletes the link's value naming this DAG (one
    /// modify). A server that meanwhile joined another DAG keeps that link: the directory refuses the delete.
    /// </summary>
    public void RemoveDatabaseAvailabilityGroupServer(DatabaseAvailabilityGroup dag, ExchangeServer server)
    {
        var modification = new DirectoryAttributeModification { Name = "msExchMDBAvailabilityGroupLink", Operation = DirectoryAttributeOperation.Delete };
        modification.Add(dag.DistinguishedName);
        Session.Send(new ModifyRequest(server.DistinguishedName, modification));
        Replace(_servers, s => s.DistinguishedName == server.DistinguishedName, server with { DatabaseAvailabilityGroupName = null });
    }

    /// <summary>Deletes a DAG entry (the cmdlet has checked it has no members).</summary>
    public void RemoveDatabaseAvailabilityGroup(DatabaseAvailabilityGroup dag)
    {
        Session.Delete(dag.DistinguishedName);
        ForgetReads();
    }
}
