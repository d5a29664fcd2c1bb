using System.DirectoryServices.Protocols;
using System.Net;
using CasDirectory.Core.Arrays;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;
using CasDirectory.Core.Sites;
using CasDirectory.Core.Topology;
using CasDirectory.Ldap.Connection;

namespace CasDirectory.Ldap.Exchange;

/// <summary>
/// The Exchange configuration partition of one directory, as domain objects. Every read of a collection
/// is a fixed number of searches whatever the size of the organisation (never one query per entry);
/// writes are in ExchangeDirectory.Writes.cs. Maps entries to objects and back; owns the DN layout
/// through <see cref="ConfigurationPartition"/>.
/// </summary>
public sealed partial class ExchangeDirectory : IDisposable
{
    private static readonly string[] ServerAttributes =
    [
        "cn", "objectClass", "networkAddress", "msExchServerSite", "msExchCurrentServerRoles", "serialNumber",
        "ipHostNumber", "type", "legacyExchangeDN", "msExchMDBAvailabilityGroupLink", "entryUUID", "createTimestamp", "entryCSN",
        "casdirProvisioningState", .. ExchangeServerSettings.Attributes,
    ];

    // What this session has read, kept current by its own writes, so a script of thousands of lines reads
    // each collection once. Another writer's changes made meanwhile are not seen here; slapd still enforces
    // the invariants, and a refused write re-reads before it reports.
    private List<string>? _sites;
    private List<AdSubnet>? _subnets;
    private List<ExchangeServer>? _servers;
    private List<ClientAccessArray>? _arrays;
    private List<MailboxDatabase>? _databases;

    private ExchangeDirectory(DirectorySession session, ConfigurationPartition partition)
    {
        Session = session;
        Partition = partition;
    }

    internal DirectorySession Session { get; }
    public ConfigurationPartition Partition { get; }

    /// <summary>Where this directory is (for log lines and messages).</summary>
    public DirectoryEndpoint Endpoint => Session.Endpoint;

    /// <summary>Connections opened so far (see DirectorySession.Connections).</summary>
    public int Connections => Session.Connections;

    /// <summary>The change feed (cn=accesslog) read through this directory's session: the updater account's view.</summary>
    public AccessLogFeed OpenFeed() => new(Session);

    /// <summary>How many searches and writes this directory's session made, what it wrote, and what it may have written.</summary>
    /// <summary>Forgets the session's record of its writes (<see cref="DirectorySession.ForgetWritten"/>), for a long-lived directory.</summary>
    public void ForgetWritten() => Session.ForgetWritten();

    public DirectoryStatistics Statistics => new(Session.Searches, Session.Writes, Session.Written) { Uncertain = Session.Uncertain };

    /// <summary>Binds and finds the configuration partition and the Exchange organisation, as AD tools do: root DSE first.</summary>
    public static ExchangeDirectory Connect(DirectoryEndpoint endpoint, DirectoryCredential credential)
    {
        var session = new DirectorySession(endpoint, credential);
        try
        {
            var rootDse = session.Read("", "configurationNamingContext", "defaultNamingContext")
                ?? throw new DirectoryAccessException($"{endpoint} has no readable root DSE.");
            var configurationDn = rootDse.One("configurationNamingContext")
                ?? throw new DirectoryAccessException($"{endpoint} publishes no configurationNamingContext: it is not a CasDirectory or Active Directory directory.");
            var domainDn = rootDse.One("defaultNamingContext") ?? DistinguishedNames.Parent(configurationDn);
            var domain = DomainName.Parse(string.Join(".", domainDn.Split(',').Select(DistinguishedNames.FirstValue)));
            var organizations = session.Search($"CN=Microsoft Exchange,CN=Services,{configurationDn}", "(objectClass=msExchOrganizationContainer)", SearchScope.OneLevel, "cn");
            var organization = organizations.FirstOrDefault()?.One("cn")
                ?? throw new DirectoryAccessException($"No Exchange organisation was found under CN=Microsoft Exchange,CN=Services,{configurationDn}.");
            return new ExchangeDirectory(session, new ConfigurationPartition(domain, OrganizationName.Parse(organization)));
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public IReadOnlyList<string> ReadSites() =>
        _sites ??= Session.Search(Partition.SitesDn, "(objectClass=site)", SearchScope.OneLevel, e => Misnamed(e, "site") ? null : e.One("cn"), "cn")
            .OfType<string>().Order(ObjectName.Comparer).ToList();

    /// <summary>
    /// One search of the entries of <paramref name="objectClass"/> directly below <paramref name="baseDn"/> that
    /// <paramref name="filter"/> matches (an LDAP filter whose values are escaped: the ActiveDirectory module's
    /// -Filter, translated), with <paramref name="attributes"/> ("*" for every one). Not cached: each call is one search.
    /// </summary>
    public IReadOnlyList<DirectoryObject> SearchObjects(string baseDn, string objectClass, string filter, IReadOnlyCollection<string> attributes) =>
        Session.Search(baseDn, $"(&(objectClass={LdapEscaping.FilterValue(objectClass)}){filter})", SearchScope.OneLevel, ToObject, [.. attributes])
            .Where(o => o.One("cn") is not { } cn || ObjectName.ReadFlaw(cn) is null).ToList();

    /// <summary>The attributes whose values are bytes, not text (AD's GUIDs, SIDs and descriptors).</summary>
    private static readonly HashSet<string> BinaryAttributes = new(StringComparer.OrdinalIgnoreCase) { "objectGUID", "objectSid", "nTSecurityDescriptor", "schemaIDGUID" };

    private static DirectoryObject ToObject(SearchResultEntry entry)
    {
        var attributes = new Dictionary<string, IReadOnlyList<object>>(StringComparer.OrdinalIgnoreCase);
        foreach (string key in entry.Attributes.AttributeNames)
        {
            var attribute = entry.Attributes[key];
            var name = string.IsNullOrEmpty(attribute.Name) ? key : attribute.Name; // the name as slapd sends it (S.DS.P lowercases the keys)
            attributes[name] = [.. attribute.GetValues(BinaryAttributes.Contains(name) ? typeof(byte[]) : typeof(string))];
        }
        return new DirectoryObject(entry.DistinguishedName, attributes);
    }

    /// <summary>Does the directory's schema (cn=Subschema) have an attribute type of this name? Read once per session.</summary>
    public bool SchemaHasAttribute(string name) => AttributeSyntaxes.ContainsKey(name);

    /// <summary>The LDAP syntax OID of an attribute type (its own or its superior's), or null.</summary>
    public string? AttributeSyntax(string name) => AttributeSyntaxes.GetValueOrDefault(name);

    private Dictionary<string, string?>? _attributeSyntaxes;

    private Dictionary<string, string?> AttributeSyntaxes => _attributeSyntaxes ??= ReadAttributeSyntaxes();

    private Dictionary<string, string?> ReadAttributeSyntaxes()
    {
        var subschema = Session.Read("", "subschemaSubentry")?.One("subschemaSubentry") ?? "cn=Subschema";
        var definitions = new List<(string[] Names, string? Syntax, string? Superior)>();
        foreach (var definition in Session.Read(subschema, "attributeTypes")?.All("attributeTypes") ?? [])
        {
            var names = System.Text.RegularExpressions.Regex.Match(definition, @"NAME\s+(?:'([^']+)'|\(([^)]*)\))");
            if (!names.Success)
                continue;
            var syntax = System.Text.RegularExpressions.Regex.Match(definition, @"SYNTAX\s+([0-9.]+)");
            var superior = System.Text.RegularExpressions.Regex.Match(definition, @"SUP\s+([\w-]+)");
            definitions.Add(([.. System.Text.RegularExpressions.Regex.Matches(names.Value, "'([^']+)'").Select(m => m.Groups[1].Value)],
                             syntax.Success ? syntax.Groups[1].Value : null, superior.Success ? superior.Groups[1].Value : null));
        }
        var syntaxes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (names, syntax, _) in definitions)
            foreach (var name in names)
                syntaxes[name] = syntax;
        foreach (var (names, syntax, superior) in definitions.Where(d => d.Syntax is null && d.Superior is not null))
            foreach (var name in names)
                syntaxes[name] = syntaxes.GetValueOrDefault(superior!); // name's SUP is a type with a syntax of its own
        return syntaxes;
    }

    /// <summary>Subnets; one whose name is not a CIDR is left out and recorded in <see cref="Malformed"/>.</summary>
    public IReadOnlyList<AdSubnet> ReadSubnets() =>
        _subnets ??= Session.Search(Partition.SubnetsDn, "(objectClass=subnet)", SearchScope.OneLevel, e => ToSubnet(e), "cn", "siteObject")
            .OfType<AdSubnet>().OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    private AdSubnet? ToSubnet(SearchResultEntry entry)
    {
        var cn = entry.One("cn");
        if (IPNetwork.TryParse(cn ?? "", out var prefix) && cn!.Contains('/'))
            return new AdSubnet(prefix, entry.One("siteObject") is { } site ? DistinguishedNames.FirstValue(site) : null);
        Record(new MalformedObject(entry.DistinguishedName, "cn", cn, "a subnet is named by its CIDR, such as 10.1.0.0/16; this one is left out of site lookups"));
        return null;
    }

    /// <summary>
    /// Whether the entry's name is one casdir would have refused (an invisible, control or unassigned character, a lone
    /// surrogate, white space at either end: docs/rules.md, "Names"), written by the rootdn or an older tool. Such an
    /// entry is recorded as malformed and left out of what reads return: it would be a second object that looks like another.
    /// </summary>
    private bool Misnamed(SearchResultEntry entry, string kind)
    {
        var cn = entry.One("cn");
        if (cn is null || ObjectName.ReadFlaw(cn) is not { } flaw)
            return false;
        Record(new MalformedObject(entry.DistinguishedName, "cn", ObjectName.Shown(cn), $"{flaw}; this {kind} is left out of reads"));
        return true;
    }

    private readonly Dictionary<string, MalformedObject> _malformed = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _reported = new(StringComparer.OrdinalIgnoreCase);

    private void Record(MalformedObject malformed)
    {
        lock (_malformed)
            _malformed[malformed.DistinguishedName + "|" + malformed.Attribute] = malformed;
    }

    /// <summary>What the reads so far could not parse (docs/rules.md, "Malformed entries").</summary>
    public IReadOnlyList<MalformedObject> Malformed
    {
        get { lock (_malformed) return _malformed.Values.ToList(); }
    }

    /// <summary>The malformed objects not yet returned by this method: a shell warns about each once per session.</summary>
    public IReadOnlyList<MalformedObject> TakeUnreportedMalformed()
    {
        lock (_malformed)
            return _malformed.Where(m => _reported.Add(m.Key)).Select(m => m.Value).ToList();
    }

    /// <summary>Servers and arrays: one search for msExchExchangeServer (arrays are that class too) and one for RPC Client Access objects.</summary>
    public ServersAndArrays ReadServersAndArrays()
    {
        if (_servers is not null && _arrays is not null)
            return new ServersAndArrays(_servers, _arrays);
        var rpcServers = Session.Search(Partition.OrganizationDn, "(objectClass=msExchProtocolCfgExchangeRPCService)", SearchScope.Subtree,
                e => DistinguishedNames.Normalize(DistinguishedNames.Parent(DistinguishedNames.Parent(e.DistinguishedName))), "1.1")
            .ToHashSet();
        var servers = new List<ExchangeServer>();
        var arrays = new List<ClientAccessArray>();
        // Mapped page by page: at 10,000 servers the raw entries would dominate the service's memory.
        foreach (var item in Session.Search(Partition.OrganizationDn, "(objectClass=msExchExchangeServer)", SearchScope.Subtree,
                     entry => Misnamed(entry, HasClass(entry, "msExchClientAccessArray") ? "Client Access array" : "Exchange server") ? null
                         : HasClass(entry, "msExchClientAccessArray") ? ToArray(entry)
                         : HasClass(entry, "msExchClientAccessArrayLegacy") ? LegacyArray(entry)
                         : ToServer(entry, rpcServers.Contains(DistinguishedNames.Normalize(entry.DistinguishedName))),
                     ServerAttributes))
        {
            if (item is ClientAccessArray array) arrays.Add(array);
            else if (item is ExchangeServer server) servers.Add(server);
        }
        _servers = servers.OrderBy(s => s.Name, ObjectName.Comparer).ToList();
        _arrays = arrays.OrderBy(a => a.Name, ObjectName.Comparer).ToList();
        return new ServersAndArrays(_servers, _arrays);
    }

    /// <summary>Forgets everything read so far: the next read of each collection asks the directory again
    /// (an interactive shell calls this between the lines a person types; a script keeps its reads).</summary>
    public void ForgetReads()
    {
        _sites = null;
        _subnets = null;
        _servers = null;
        _arrays = null;
        _databases = null;
    }

    /// <summary>Reads again, ignoring what this session has cached (benchmarks, long-running readers).</summary>
    public ServersAndArrays ReadServersAndArraysUncached()
    {
        _servers = null;
        _arrays = null;
        return ReadServersAndArrays();
    }

    public IReadOnlyList<AdSubnet> ReadSubnetsUncached()
    {
        _subnets = null;
        return ReadSubnets();
    }

    public IReadOnlyList<MailboxDatabase> ReadDatabasesUncached()
    {
        _databases = null;
        return ReadDatabases();
    }

    /// <summary>All mailbox and public folder databases with their copies: two searches.</summary>
    public IReadOnlyList<MailboxDatabase> ReadDatabases() =>
        _databases ??= ReadDatabasesBelow(Partition.OrganizationDn, SearchScope.Subtree);

    private static readonly string[] DatabaseAttributes =
    [
        "cn", "objectClass", "msExchOwningServer", "msExchRestore", "legacyExchangeDN", "msExchEDBFile", "msExchESEParamLogFilePath",
        "msExchMasterServerOrAvailabilityGroup", "entryUUID", "createTimestamp", .. DatabaseSettings.Attributes,
    ];

    private List<MailboxDatabase> ReadDatabasesBelow(string baseDn, SearchScope scope)
    {
        // A copy is named after its host server, so its DN alone says where it is: no attributes to fetch.
        var copies = Session.Search(baseDn, "(objectClass=msExchMDBCopy)", scope, e => e.DistinguishedName, "1.1")
            .GroupBy(dn => DistinguishedNames.Normalize(DistinguishedNames.Parent(dn)))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(DistinguishedNames.FirstValue).ToList());
        return Session.Search(baseDn, "(|(objectClass=msExchPrivateMDB)(objectClass=msExchPublicMDB))", scope, e => Misnamed(e, "database") ? null : new MailboxDatabase
        {
            Name = e.One("cn")!,
            DistinguishedName = e.DistinguishedName,
            ServerName = e.One("msExchOwningServer") is { } owner ? DistinguishedNames.FirstValue(owner) : null,
            Recovery = string.Equals(e.One("msExchRestore"), "TRUE", StringComparison.OrdinalIgnoreCase),
            IsPublicFolderDatabase = HasClass(e, "msExchPublicMDB"),
            LegacyExchangeDN = e.One("legacyExchangeDN"),
            EdbFilePath = e.One("msExchEDBFile"),
            LogFolderPath = e.One("msExchESEParamLogFilePath"),
            MasterServerOrAvailabilityGroup = e.One("msExchMasterServerOrAvailabilityGroup") is { } master ? DistinguishedNames.FirstValue(master) : null,
            CopyServerNames = copies.GetValueOrDefault(DistinguishedNames.Normalize(e.DistinguishedName), []),
            Stored = EntryValues.Stored(e, DatabaseSettings.Attributes),
            Guid = e.One("entryUUID"),
            Created = GeneralizedTime(e.One("createTimestamp")),
        }, DatabaseAttributes).OfType<MailboxDatabase>().OrderBy(d => d.Name, ObjectName.Comparer).ToList();
    }

    /// <summary>The database of that name (any case), found by binary search in the sorted collection: scripts that
    /// create thousands of databases check each name without scanning them all.</summary>
    public MailboxDatabase? DatabaseNamed(string name) => Named(ReadDatabases(), name, d => d.Name);

    /// <summary>The server of that name (any case), by binary search.</summary>
    public ExchangeServer? ServerNamed(string name) => Named(ReadServersAndArrays().Servers, name, s => s.Name);

    private static T? Named<T>(IReadOnlyList<T> sorted, string name, Func<T, string> key) where T : class
    {
        int low = 0, high = sorted.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var order = ObjectName.Comparer.Compare(key(sorted[middle]), name);
            if (order == 0) return sorted[middle];
            if (order < 0) low = middle + 1; else high = middle - 1;
        }
        return null;
    }

    /// <summary>Keeps a cached collection sorted by name as objects are added (binary search, so scripts stay linear).</summary>
    private static void InsertSorted<T>(List<T>? list, T item, Func<T, string> name)
    {
        if (list is null)
            return;
        var index = list.BinarySearch(item, Comparer<T>.Create((a, b) => ObjectName.Comparer.Compare(name(a), name(b))));
        list.Insert(index < 0 ? ~index : index, item);
    }

    private static void Replace<T>(List<T>? list, Predicate<T> match, T? replacement) where T : class
    {
        if (list is null)
            return;
        var index = list.FindIndex(match);
        if (index < 0)
            return;
        if (replacement is null) list.RemoveAt(index);
        else list[index] = replacement;
    }

    /// <summary>The Autodiscover SCPs of all servers: one search.</summary>
    public IReadOnlyList<AutodiscoverScp> ReadAutodiscoverScps() =>
        Session.Search(Partition.OrganizationDn, $"(&(objectClass=serviceConnectionPoint)(keywords={AutodiscoverScp.AutodiscoverKeyword}))", SearchScope.Subtree,
                "keywords", "serviceBindingInformation")
            .Select(e => new AutodiscoverScp(ServerNameAbove(e.DistinguishedName, 3), e.DistinguishedName,
                AutodiscoverScp.SitesFromKeywords(e.All("keywords")), e.One("serviceBindingInformation")))
            .ToList();

    /// <summary>The virtual directories of all servers (Outlook Anywhere included): one search.</summary>
    public IReadOnlyList<VirtualDirectory> ReadVirtualDirectories() =>
        Session.Search(Partition.OrganizationDn, "(objectClass=msExchVirtualDirectory)", SearchScope.Subtree,
                VirtualDirectoryAttributes)
            .Select(e => (Entry: e, Kind: VirtualDirectoryKind.All.FirstOrDefault(k => HasClass(e, k.ObjectClass))))
            .Where(x => x.Kind is not null)
            .Select(x => new VirtualDirectory(x.Kind!, ServerNameAbove(x.Entry.DistinguishedName, 3), x.Entry.One("cn")!, x.Entry.DistinguishedName,
                x.Entry.One("msExchInternalHostName"), x.Entry.One("msExchExternalHostName")) { Stored = EntryValues.Stored(x.Entry, VirtualDirectorySettings.Attributes) })
            .OrderBy(v => v.ServerName, ObjectName.Comparer).ThenBy(v => v.Name, ObjectName.Comparer)
            .ToList();


    private ExchangeServer ToServer(SearchResultEntry entry, bool hasRpcClientAccess)
    {
        if (!ServerVersion.TryParseSerialNumber(entry.One("serialNumber"), out var version))
            Record(new MalformedObject(entry.DistinguishedName, "serialNumber", entry.One("serialNumber"), "not an Exchange version such as 'Version 14.2 (Build 247.5)'; the server is read without one"));
        if (entry.One("msExchCurrentServerRoles") is { } rolesText && !int.TryParse(rolesText, out _))
            Record(new MalformedObject(entry.DistinguishedName, "msExchCurrentServerRoles", rolesText, "not a number; the server is read with no roles"));
        foreach (var address in entry.All("ipHostNumber").Where(a => !IPAddress.TryParse(a, out _)))
            Record(new MalformedObject(entry.DistinguishedName, "ipHostNumber", address, "not an IP address; it is left out of the server's addresses"));
        return new ExchangeServer
        {
            Name = entry.One("cn")!,
            DistinguishedName = entry.DistinguishedName,
            Fqdn = FqdnOf(entry),
            Roles = int.TryParse(entry.One("msExchCurrentServerRoles"), out var roles) ? (ServerRoles)roles : ServerRoles.None,
            Version = version,
            SiteName = entry.One("msExchServerSite") is { } site ? DistinguishedNames.FirstValue(site) : null,
            IPAddresses = entry.All("ipHostNumber").Select(a => IPAddress.TryParse(a, out var ip) ? ip : null).OfType<IPAddress>().ToList(),
            Edition = entry.One("type"),
            LegacyExchangeDN = entry.One("legacyExchangeDN"),
            HasRpcClientAccess = hasRpcClientAccess,
            DatabaseAvailabilityGroupName = entry.One("msExchMDBAvailabilityGroupLink") is { } dag ? DistinguishedNames.FirstValue(dag) : null,
            Revision = entry.One("entryCSN"),
            Guid = entry.One("entryUUID"),
            Provisioning = ProvisioningStates.Parse(entry.One("casdirProvisioningState")),
            Stored = EntryValues.Stored(entry, ExchangeServerSettings.Attributes),
        };
    }

    /// <summary>An entry of the legacy array class (only the rootdn can write one): neither a 2010 array nor a server.</summary>
    private object LegacyArray(SearchResultEntry entry)
    {
        Record(new MalformedObject(entry.DistinguishedName, "objectClass", "msExchClientAccessArrayLegacy",
            "the legacy Client Access array class; Exchange 2010 arrays are msExchClientAccessArray, so it is read neither as an array nor as a server"));
        return entry;
    }

    private ClientAccessArray ToArray(SearchResultEntry entry) => new()
    {
        Name = entry.One("cn")!,
        DistinguishedName = entry.DistinguishedName,
        Fqdn = FqdnOf(entry) ?? "",
        SiteName = entry.One("msExchServerSite") is { } site ? DistinguishedNames.FirstValue(site) : null,
        LegacyExchangeDN = entry.One("legacyExchangeDN"),
        Guid = entry.One("entryUUID"),
        Created = GeneralizedTime(entry.One("createTimestamp")),
    };

    /// <summary>LDAP GeneralizedTime as slapd writes it: 20261121091500Z.</summary>
    internal static DateTimeOffset? GeneralizedTime(string? value) =>
        value is { Length: >= 15 } && DateTimeOffset.TryParseExact(value[..14], "yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    /// <summary>Everything the best-practice rules read, with a fixed number of searches (nine, whatever the size).</summary>
    /// <summary>Everything the rules look at, read afresh (sites, subnets, servers, databases: a fixed number of searches).</summary>
    public Core.Topology.TopologySnapshot ReadTopology()
    {
        _sites = null;
        _subnets = null; // sites and subnets made by others since the last read count too
        var topology = ReadServersAndArraysUncached();
        return new Core.Topology.TopologySnapshot
        {
            Domain = Partition.Domain.Value,
            Sites = ReadSites(),
            Subnets = ReadSubnets(),
            Servers = topology.Servers,
            Arrays = topology.Arrays,
            Databases = ReadDatabasesUncached(),
            AutodiscoverScps = ReadAutodiscoverScps(),
            VirtualDirectories = ReadVirtualDirectories(),
            DatabaseAvailabilityGroups = ReadDatabaseAvailabilityGroups(topology.Servers),
            OutlookProfiles = ReadOutlookProfiles(),
            Malformed = Malformed,
        };
    }

    private const string TcpPrefix = "ncacn_ip_tcp:";

    private static string? FqdnOf(SearchResultEntry entry) =>
        entry.All("networkAddress").FirstOrDefault(a => a.StartsWith(TcpPrefix, StringComparison.OrdinalIgnoreCase))?[TcpPrefix.Length..];

    private static bool HasClass(SearchResultEntry entry, string objectClass) =>
        entry.All("objectClass").Contains(objectClass, StringComparer.OrdinalIgnoreCase);

    private static string ServerNameAbove(string dn, int levels)
    {
        for (var i = 0; i < levels; i++)
            dn = DistinguishedNames.Parent(dn);
        return DistinguishedNames.FirstValue(dn);
    }

    public void Dispose() => Session.Dispose();
}

/// <summary>A session's counts: searches, writes, and one line per write ("added CN=…"); <see cref="Uncertain"/>: writes
/// sent whose outcome is unknown (the answer timed out or the connection was lost), which may or may not have landed.</summary>
public sealed record DirectoryStatistics(int Searches, int Writes, IReadOnlyList<string> Written)
{
    public IReadOnlyList<string> Uncertain { get; init; } = [];
}

/// <summary>Servers and arrays, read together (an array is an msExchExchangeServer too).</summary>
public sealed record ServersAndArrays(IReadOnlyList<ExchangeServer> Servers, IReadOnlyList<ClientAccessArray> Arrays);

/// <summary>The directory could not be reached or read, or is not Exchange-shaped.</summary>
public sealed class DirectoryAccessException(string message, Exception? inner = null) : Errors.DirectoryException(message, inner)
{
    public override bool IsTransient => false;
}
