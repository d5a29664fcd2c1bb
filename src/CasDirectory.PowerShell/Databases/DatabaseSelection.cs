using CasDirectory.Core.Databases;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.PowerShell.Databases;

/// <summary>Get-MailboxDatabase and Get-PublicFolderDatabase: by -Identity, by -Server (where it or a copy lives), or all.</summary>
internal static class DatabaseSelection
{
    public static IEnumerable<Objects.Database> Select(ExchangeDirectory directory, string? identity, string? serverIdentity, bool publicFolder)
    {
        var databases = directory.ReadDatabases().Where(d => d.IsPublicFolderDatabase == publicFolder).ToList();
        var topology = directory.ReadServersAndArrays();
        IEnumerable<MailboxDatabase> selected = databases;
        if (identity is not null)
            selected = [ObjectLookup.Database(databases, identity, publicFolder ? "public folder database" : "mailbox database")];
        if (serverIdentity is not null)
        {
            var server = ObjectLookup.Server(topology.Servers, serverIdentity);
            selected = selected.Where(d => ObjectLookup.Same(d.ServerName, server.Name) || d.CopyServerNames.Contains(server.Name, ObjectName.Comparer));
        }
        var names = new RpcClientAccessServerNames(topology.Servers, topology.Arrays);
        return selected.Select(d => Objects.Database.From(d, names.Of(d)));
    }
}
