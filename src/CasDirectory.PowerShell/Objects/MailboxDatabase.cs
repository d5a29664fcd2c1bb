namespace CasDirectory.PowerShell.Objects;

/// <summary>What Get-MailboxDatabase writes. RpcClientAccessServer is the FQDN of the server or array the database's legacyExchangeDN names (D2).</summary>
public class MailboxDatabase
{
    public required string Name { get; init; }
    public ADObjectId? Server { get; init; }
    public ADObjectId[] Servers { get; init; } = [];
    public bool Recovery { get; init; }
    public string ReplicationType => Servers.Length > 1 ? "Remote" : "None";
    public string? RpcClientAccessServer { get; init; }
    public ADObjectId? MasterServerOrAvailabilityGroup { get; init; }
    public string? EdbFilePath { get; init; }
    public string? LogFolderPath { get; init; }
    public string? ExchangeLegacyDN { get; init; }
    public required ADObjectId Identity { get; init; }
    public required string DistinguishedName { get; init; }
    public Guid? Guid { get; init; }

    public static MailboxDatabase From(Core.Databases.MailboxDatabase database, string? rpcClientAccessServer)
    {
        var server = database.ServerName is { } name ? new ADObjectId(name, "") : null;
        var servers = database.CopyServerNames.Select(n => new ADObjectId(n, "")).ToArray();
        var master = database.MasterServerOrAvailabilityGroup is { } m ? new ADObjectId(m, "") : null;
        var identity = new ADObjectId(database.Name, database.DistinguishedName);
        var guid = ExchangeServer.ParseGuid(database.Guid);
        return database.IsPublicFolderDatabase
            ? new PublicFolderDatabase
            {
                Name = database.Name, Server = server, Servers = servers, RpcClientAccessServer = rpcClientAccessServer, MasterServerOrAvailabilityGroup = master,
                EdbFilePath = database.EdbFilePath, LogFolderPath = database.LogFolderPath, ExchangeLegacyDN = database.LegacyExchangeDN,
                Identity = identity, DistinguishedName = database.DistinguishedName, Guid = guid,
            }
            : new MailboxDatabase
            {
                Name = database.Name, Server = server, Servers = servers, Recovery = database.Recovery, RpcClientAccessServer = rpcClientAccessServer,
                MasterServerOrAvailabilityGroup = master, EdbFilePath = database.EdbFilePath, LogFolderPath = database.LogFolderPath,
                ExchangeLegacyDN = database.LegacyExchangeDN, Identity = identity, DistinguishedName = database.DistinguishedName, Guid = guid,
            };
    }
}

/// <summary>What Get-PublicFolderDatabase writes: Outlook reaches it on its own server, never through an array.</summary>
public sealed class PublicFolderDatabase : MailboxDatabase;
