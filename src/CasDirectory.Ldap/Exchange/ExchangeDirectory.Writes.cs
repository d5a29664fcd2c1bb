using System.DirectoryServices.Protocols;
using System.Net;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;

namespace CasDirectory.Ldap.Exchange;

/// <summary>Writes: each method makes the entries Exchange (or AD) would make for that object, as AD stores them.</summary>
public sealed partial class ExchangeDirectory
{
    /// <summary>msExchVersion of objects written by Exchange 2010 and 2007.</summary>
    private const string Exchange2010ObjectVersion = "44220983382016";
    private const string Exchange2007ObjectVersion = "4535486012416";

    private static (string, IReadOnlyList<string>) A(string name, params string?[] values) =>
        (name, values.Where(v => v is not null).Select(v => v!).ToList());

    /// <summary>A site and the two containers AD gives it. With <paramref name="finishing"/>, entries already there are checked, not rewritten.</summary>
    public void AddSite(string name, bool finishing = false)
    {
        var dn = Partition.SiteDn(name);
        Session.Add(dn, [A("objectClass", "top", "site"), A("cn", name)], finishing);
        Session.Add("CN=Servers," + dn, [A("objectClass", "top", "serversContainer"), A("cn", "Servers")], ensure: true);
        Session.Add("CN=NTDS Site Settings," + dn, [A("objectClass", "top", "nTDSSiteSettings"), A("cn", "NTDS Site Settings")], ensure: true);
        if (!finishing)
            InsertSorted(_sites, name, s => s);
    }

    /// <summary>Whether a site has both its containers (its last entry is written last, so that one tells).</summary>
    public bool SiteIsComplete(string name) => Session.Read("CN=NTDS Site Settings," + Partition.SiteDn(name), "1.1") is not null;

    public void RemoveSite(string name)
    {
        DeleteSubtree(Partition.SiteDn(name));
        _sites?.RemoveAll(s => ObjectName.Comparer.Equals(s, name));
    }

    public void AddSubnet(string cidr, string? site)
    {
        Session.Add(Partition.SubnetDn(cidr), [A("objectClass", "top", "subnet"), A("cn", cidr), A("siteObject", site is null ? null : Partition.SiteDn(site))]);
        InsertSorted(_subnets, new Core.Sites.AdSubnet(IPNetwork.Parse(cidr), site), s => s.Name);
    }

    /// <summary>
    /// Changes a subnet's site, location and description in one modify; a null argument leaves that one as it is, an
    /// empty text clears it (the ActiveDirectory module's Set-ADReplicationSubnet).
    /// </summary>
    public void SetSubnet(string cidr, string? site, string? location, string? description)
    {
        var changes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (site is not null)
            changes["siteObject"] = [Partition.SiteDn(site)];
        if (location is not null)
            changes["location"] = location.Length == 0 ? [] : [location];
        if (description is not null)
            changes["description"] = description.Length == 0 ? [] : [description];
        if (changes.Count == 0)
            return;
        Session.Replace(Partition.SubnetDn(cidr), changes);
        if (site is not null)
            Replace(_subnets, s => s.Name == cidr, new Core.Sites.AdSubnet(IPNetwork.Parse(cidr), site));
    }

    public void RemoveSubnet(string cidr)
    {
        Session.Delete(Partition.SubnetDn(cidr));
        Replace(_subnets, s => s.Name == cidr, null);
    }

    /// <summary>
    /// The server and what setup makes for its roles and version: Protocols, and on a Client Access server the
    /// Autodiscover SCP scoped to its site, the default virtual directories and, on 2010, RPC Client Access.
    /// Resumable (docs/rules.md, "Resumable writes"): the server entry carries casdirProvisioningState=creating until
    /// its last child is written; with <paramref name="finishing"/>, an interrupted server of the same values is
    /// completed (entries already there are checked, not rewritten).
    /// </summary>
    public ExchangeServer AddServer(string name, string fqdn, ServerRoles roles, ServerVersion version, IReadOnlyList<IPAddress> addresses, string? site, string edition, bool finishing = false)
    {
        var dn = Partition.ServerDn(name);
        // What Exchange stores (docs/directory.md, "Values as Exchange stores them"): a server object keeps the 2007 object version
        // whatever its build (Exchange's Server class never raised it); the objects below it carry their release's.
        var objectVersion = version.Major >= 14 ? Exchange2010ObjectVersion : version.Major >= 8 ? Exchange2007ObjectVersion : null;
        var serverObjectVersion = version.Major >= 8 ? Exchange2007ObjectVersion : null;
        var created = Session.Add(dn,
        [
            A("objectClass", "top", "server", "msExchExchangeServer", "ipHost"),
            A("cn", name),
            A("serialNumber", version.ToSerialNumber()),
            A("versionNumber", version.ToVersionNumber().ToString()),
            A("msExchCurrentServerRoles", ((int)roles).ToString()),
            A("type", edition),
            A("networkAddress", "ncacn_ip_tcp:" + fqdn, "netbios:" + name.ToUpperInvariant()),
            A("dNSHostName", fqdn),
            A("msExchServerSite", site is null ? null : Partition.SiteDn(site)),
            A("legacyExchangeDN", Partition.ServerLegacyDn(name)),
            A("ipHostNumber", addresses.Select(a => a.ToString()).ToArray()),
            A("msExchVersion", serverObjectVersion),
            A(ProvisioningAttribute, ProvisioningState.Creating.ToDirectoryValue()),
        ], ensure: finishing, "entryUUID"); // Post-Read: the new server's GUID in the add's own response
        var protocols = "CN=Protocols," + dn;
        Session.Add(protocols, [A("objectClass", "top", "protocolCfgShared", "protocolCfgSharedServer"), A("cn", "Protocols"), A("msExchVersion", objectVersion)], ensure: true);
        if (roles.HasFlag(ServerRoles.ClientAccess))
        {
            Session.Add("CN=Autodiscover," + protocols, [A("objectClass", "top", "container"), A("cn", "Autodiscover")], ensure: true);
            CreateAutodiscover(name, fqdn, site is null ? [] : [site], $"https://{fqdn}/Autodiscover/Autodiscover.xml", containerExists: true, ensure: true);
            var http = "CN=HTTP," + protocols;
            Session.Add(http, [A("objectClass", "top", "container", "msExchProtocolCfgSharedContainer", "msExchProtocolCfgHTTPContainer"), A("cn", "HTTP")], ensure: true);
            foreach (var kind in VirtualDirectoryKind.Defaults.Where(k => version.IsExchange2010 || !k.OnlyExchange2010))
                AddVirtualDirectory(name, fqdn, kind, kind == VirtualDirectoryKind.PowerShell ? $"http://{fqdn}/PowerShell" : kind == VirtualDirectoryKind.Autodiscover ? null : $"https://{fqdn}{kind.Path}", null, objectVersion, ensure: true);
            if (version.IsExchange2010)
                Session.Add("CN=RpcClientAccess," + protocols, [A("objectClass", "top", "msExchProtocolCfgExchangeRPCService"), A("cn", "RpcClientAccess"), A("msExchVersion", objectVersion)], ensure: true);
        }
        Session.Send(new ModifyRequest(dn, DirectoryAttributeOperation.Delete, ProvisioningAttribute)); // whole now
        var server = new ExchangeServer
        {
            Name = name, DistinguishedName = dn, Fqdn = fqdn, Roles = roles, Version = version, SiteName = site, IPAddresses = addresses,
            Edition = edition, LegacyExchangeDN = Partition.ServerLegacyDn(name),
            HasRpcClientAccess = version.IsExchange2010 && roles.HasFlag(ServerRoles.ClientAccess),
            Guid = created.GetValueOrDefault("entryUUID")?.FirstOrDefault(),
        };
        if (finishing)
            Replace(_servers, s => DistinguishedNames.AreEqual(s.DistinguishedName, dn), null); // the half-written one read before
        InsertSorted(_servers, server, s => s.Name);
        return server;
    }

    private const string ProvisioningAttribute = "casdirProvisioningState";

    public void AddVirtualDirectory(string server, string fqdn, VirtualDirectoryKind kind, string? internalUrl, string? externalUrl, string? objectVersion = Exchange2010ObjectVersion, bool ensure = false, params (string, IReadOnlyList<string>)[] extra)
    {
        var cn = $"{kind.DirectoryName} ({VirtualDirectory.WebSite})";
        Session.Add($"CN={LdapEscaping.DnValue(cn)},CN=HTTP,CN=Protocols,{Partition.ServerDn(server)}",
        [
            A("objectClass", "top", "msExchVirtualDirectory", kind.ObjectClass), A("cn", cn),
            A("msExchInternalHostName", internalUrl), A("msExchExternalHostName", externalUrl),
            A("msExchMetabasePath", $"IIS://{fqdn}/W3SVC/1/ROOT/{kind.DirectoryName}"), A("msExchVersion", objectVersion), .. extra,
        ], ensure);
    }

    /// <summary>Replaces the SCP's site scope and internal URI, creating CN=Autodiscover and the SCP when missing (as Set-ClientAccessServer does).</summary>
    public void SetAutodiscover(string server, string fqdn, IReadOnlyList<string> siteScope, string? internalUri)
    {
        var scp = $"CN={LdapEscaping.DnValue(server)},CN=Autodiscover,CN=Protocols,{Partition.ServerDn(server)}";
        if (Session.Read(scp, "1.1") is null)
        {
            CreateAutodiscover(server, fqdn, siteScope, internalUri);
            return;
        }
        var modifications = new[] { Replace("keywords", AutodiscoverScp.KeywordsFor(siteScope).ToArray()), Replace("serviceBindingInformation", internalUri is null ? [] : [internalUri]) };
        Session.Send(new ModifyRequest(scp, modifications));
    }

    private void CreateAutodiscover(string server, string fqdn, IReadOnlyList<string> siteScope, string? internalUri, bool containerExists = false, bool ensure = false)
    {
        var container = "CN=Autodiscover,CN=Protocols," + Partition.ServerDn(server);
        if (!containerExists && Session.Read(container, "1.1") is null)
            Session.Add(container, [A("objectClass", "top", "container"), A("cn", "Autodiscover")], ensure);
        Session.Add($"CN={LdapEscaping.DnValue(server)},{container}",
        [
            A("objectClass", "top", "leaf", "connectionPoint", "serviceConnectionPoint"), A("cn", server),
            A("keywords", AutodiscoverScp.KeywordsFor(siteScope).ToArray()), A("serviceBindingInformation", internalUri),
            A("serviceDNSName", Fqdn.FirstLabel(fqdn)), A("serviceClassName", AutodiscoverScp.ServiceClassName),
        ], ensure);
    }

    public void SetVirtualDirectoryUrls(VirtualDirectory directory, string? internalUrl, string? externalUrl)
    {
        if (internalUrl is not null)
            Session.Replace(directory.DistinguishedName, "msExchInternalHostName", internalUrl.Length == 0 ? [] : [internalUrl]);
        if (externalUrl is not null)
            Session.Replace(directory.DistinguishedName, "msExchExternalHostName", externalUrl.Length == 0 ? [] : [externalUrl]);
    }

    public void SetServerAddresses(ExchangeServer server, IReadOnlyList<IPAddress> addresses, string? site)
    {
        var modifications = new List<DirectoryAttributeModification> { Replace("ipHostNumber", addresses.Select(a => a.ToString()).ToArray()) };
        if (site is not null)
            modifications.Add(Replace("msExchServerSite", Partition.SiteDn(site)));
        Session.Send(new ModifyRequest(server.DistinguishedName, modifications.ToArray()));
        Replace(_servers, s => s.DistinguishedName == server.DistinguishedName, server with { IPAddresses = addresses, SiteName = site ?? server.SiteName });
    }

    /// <summary>
    /// The site-topology updater's only write: msExchServerSite, guarded by the Assertion control on the entryCSN
    /// that was read, so a change made since is never overwritten. Returns false when the server changed meanwhile.
    /// </summary>
    public bool TrySetServerSite(ExchangeServer server, string site)
    {
        var request = new ModifyRequest(server.DistinguishedName, DirectoryAttributeOperation.Replace, "msExchServerSite", Partition.SiteDn(site));
        if (server.Revision is not null)
            request.Controls.Add(Connection.AssertionControl.Equality("entryCSN", server.Revision));
        try
        {
            Session.Send(request);
        }
        catch (Errors.DirectoryRefusedException e) when (e.Result == Errors.DirectoryResult.AssertionFailed)
        {
            return false;
        }
        _servers = null; // read again when next needed (the updater writes thousands in a pass; no per-write scan)
        return true;
    }

    /// <summary>
    /// The database agent's only write: adds the legacyExchangeDN a raw-LDAP database lacks (an add, never a
    /// replace, so a value set meanwhile is kept). False when the database has one by now.
    /// </summary>
    public bool TryFillDatabaseRpcClientAccess(MailboxDatabase database, string rpcClientAccessLegacyDn)
    {
        var modification = new DirectoryAttributeModification { Name = "legacyExchangeDN", Operation = DirectoryAttributeOperation.Add };
        modification.Add(MailboxDatabase.LegacyDnFor(rpcClientAccessLegacyDn, database.IsPublicFolderDatabase));
        try
        {
            Session.Send(new ModifyRequest(database.DistinguishedName, modification));
        }
        catch (Errors.DirectoryRefusedException e) when (e.Result is Errors.DirectoryResult.AttributeOrValueExists)
        {
            return false; // someone gave it one meanwhile: theirs stands (other refusals reach the caller)
        }
        _databases = null;
        return true;
    }

    /// <summary>Marks the server Removing, then deletes its subtree deepest first: an interrupted removal shows, and runs again.</summary>
    public void RemoveServer(ExchangeServer server)
    {
        Session.Replace(server.DistinguishedName, ProvisioningAttribute, ProvisioningState.Removing.ToDirectoryValue());
        DeleteSubtree(server.DistinguishedName);
        Replace(_servers, s => s.DistinguishedName == server.DistinguishedName, null);
    }

    public Core.Arrays.ClientAccessArray AddArray(string name, string fqdn, string site)
    {
        var dn = Partition.ArrayDn(name);
        var created = Session.Add(dn,
        [
            A("objectClass", "top", "server", "msExchExchangeServer", "msExchClientAccessArray"), A("cn", name),
            A("networkAddress", "ncacn_ip_tcp:" + fqdn), A("msExchServerSite", Partition.SiteDn(site)),
            A("legacyExchangeDN", Partition.ServerLegacyDn(fqdn)), A("msExchVersion", Exchange2010ObjectVersion),
        ], "entryUUID", "createTimestamp");
        var array = new Core.Arrays.ClientAccessArray
        {
            Name = name, DistinguishedName = dn, Fqdn = fqdn, SiteName = site, LegacyExchangeDN = Partition.ServerLegacyDn(fqdn),
            Guid = created.GetValueOrDefault("entryUUID")?.FirstOrDefault(),
            Created = GeneralizedTime(created.GetValueOrDefault("createTimestamp")?.FirstOrDefault()),
        };
        InsertSorted(_arrays, array, a => a.Name);
        return array;
    }

    /// <summary>Renames and/or changes FQDN and site. The legacyExchangeDN stays: databases keep pointing at the array.</summary>
    public void SetArray(Core.Arrays.ClientAccessArray array, string? newName, string? fqdn, string? site)
    {
        var dn = array.DistinguishedName;
        var modifications = new List<DirectoryAttributeModification>();
        if (fqdn is not null)
            modifications.Add(Replace("networkAddress", "ncacn_ip_tcp:" + fqdn));
        if (site is not null)
            modifications.Add(Replace("msExchServerSite", Partition.SiteDn(site)));
        if (modifications.Count > 0)
            Session.Send(new ModifyRequest(dn, modifications.ToArray()));
        if (newName is not null && newName != array.Name)
            Session.Send(new ModifyDNRequest(dn, Partition.ArraysDn, "CN=" + LdapEscaping.DnValue(newName)) { DeleteOldRdn = true });
        _arrays = null; // read again when next needed
    }

    public void RemoveArray(Core.Arrays.ClientAccessArray array)
    {
        Session.Delete(array.DistinguishedName);
        Replace(_arrays, a => a.DistinguishedName == array.DistinguishedName, null);
    }

    /// <summary>
    /// A database and its first copy. A database without a copy was interrupted (MailboxDatabase.IsComplete); with
    /// <paramref name="finishing"/> the same command completes it, checking what is there rather than rewriting it.
    /// </summary>
    public MailboxDatabase AddDatabase(string name, ExchangeServer server, bool recovery, bool publicFolder, string edbFilePath, string logFolderPath, string rpcClientAccessLegacyDn,
        bool finishing = false, IReadOnlyList<Core.Settings.SettingChange>? settings = null)
    {
        var dn = Partition.DatabaseDn(name);
        var legacyDn = MailboxDatabase.LegacyDnFor(rpcClientAccessLegacyDn, publicFolder);
        var initial = InitialValues(settings ?? []);
        var created = Session.Add(dn,
        [
            .. initial.Select(a => (a.Key, a.Value)),
            A("objectClass", "top", "msExchMDB", publicFolder ? "msExchPublicMDB" : "msExchPrivateMDB"), A("cn", name),
            A("deliveryMechanism", "0"), A("msExchOwningServer", server.DistinguishedName),
            A("msExchMasterServerOrAvailabilityGroup", server.DistinguishedName),
            A("msExchEDBFile", edbFilePath), A("msExchESEParamLogFilePath", logFolderPath), A("msExchESEParamSystemPath", logFolderPath),
            A("msExchRestore", publicFolder ? null : recovery ? "TRUE" : "FALSE"), A("msExchDatabaseCreated", "TRUE"),
            A("legacyExchangeDN", legacyDn), A("msExchVersion", Exchange2010ObjectVersion),
        ], finishing, "entryUUID", "createTimestamp");
        Session.Add($"CN={LdapEscaping.DnValue(server.Name)},{dn}",
        [
            A("objectClass", "top", "msExchMDBCopy"), A("cn", server.Name), A("msExchHostServerLink", server.DistinguishedName),
            A("msExchActivationPreference", "1"), A("msExchMDBCopyParentClass", publicFolder ? "msExchPublicMDB" : "msExchPrivateMDB"),
            A("msExchVersion", Exchange2010ObjectVersion),
        ], ensure: true);
        if (finishing)
            Replace(_databases, d => DistinguishedNames.AreEqual(d.DistinguishedName, dn), null); // the half-written one read before
        var database = new MailboxDatabase
        {
            Name = name, DistinguishedName = dn, ServerName = server.Name, Recovery = recovery, IsPublicFolderDatabase = publicFolder,
            LegacyExchangeDN = legacyDn, EdbFilePath = edbFilePath, LogFolderPath = logFolderPath, MasterServerOrAvailabilityGroup = server.Name,
            CopyServerNames = [server.Name], Guid = created.GetValueOrDefault("entryUUID")?.FirstOrDefault(),
            Created = GeneralizedTime(created.GetValueOrDefault("createTimestamp")?.FirstOrDefault()), Stored = initial,
        };
        InsertSorted(_databases, database, d => d.Name);
        return database;
    }

    /// <summary>RpcClientAccessServer lives in the database's legacyExchangeDN prefix (docs/directory.md, "The tree and the schema").</summary>
    public void SetDatabaseRpcClientAccess(MailboxDatabase database, string rpcClientAccessLegacyDn)
    {
        var legacyDn = MailboxDatabase.LegacyDnFor(rpcClientAccessLegacyDn, database.IsPublicFolderDatabase);
        Session.Replace(database.DistinguishedName, "legacyExchangeDN", legacyDn);
        Replace(_databases, d => d.DistinguishedName == database.DistinguishedName, database with { LegacyExchangeDN = legacyDn });
    }

    /// <summary>
    /// Renames a database (its copies move with it; refint follows the DN into msExchHomePublicMDB references). Mailbox
    /// users name it from the domain partition, where refint does not reach: their homeMDB (and a move request's and an archive's links)
    /// are re-pointed after the rename, one modify per mailbox (docs/recipients.md, "Known limits").
    /// </summary>
    public void RenameDatabase(MailboxDatabase database, string newName)
    {
        var newDn = $"CN={LdapEscaping.DnValue(newName)},{Partition.DatabasesDn}";
        string[] linkNames = ["homeMDB", "msExchMailboxMoveSourceMDBLink", "msExchMailboxMoveTargetMDBLink", "msExchArchiveDatabaseLink"];
        var users = Session.Search(Partition.DomainDn,
            $"(&(objectClass=user)(|{string.Concat(linkNames.Select(a => $"({a}={LdapEscaping.FilterValue(database.DistinguishedName)})"))}))",
            SearchScope.Subtree, e => (e.DistinguishedName, Links: linkNames
                .Where(a => DistinguishedNames.AreEqual(e.One(a), database.DistinguishedName)).ToList()),
            linkNames);
        Session.Send(new ModifyDNRequest(database.DistinguishedName, Partition.DatabasesDn, "CN=" + LdapEscaping.DnValue(newName)) { DeleteOldRdn = true });
        foreach (var (user, links) in users)
            Session.Send(new ModifyRequest(user, links.Select(a => Replace(a, newDn)).ToArray()));
        ForgetReads();
        _mailboxes = null;
    }

    public void RemoveDatabase(MailboxDatabase database)
    {
        DeleteSubtree(database.DistinguishedName);
        Replace(_databases, d => d.DistinguishedName == database.DistinguishedName, null);
    }

    public void EnableOutlookAnywhere(ExchangeServer server, string externalHostname, int authenticationMethods, bool sslOffloading) =>
        AddVirtualDirectory(server.Name, server.Fqdn ?? server.Name, VirtualDirectoryKind.OutlookAnywhere, null, $"https://{externalHostname}/rpc", Exchange2010ObjectVersion, false,
            A("msExchExternalAuthenticationMethods", authenticationMethods.ToString()), A("msExchRpcHttpFlags", sslOffloading ? "1" : "0"));

    /// <summary>Deletes an entry and everything below it, deepest first (one search, then the deletes).</summary>
    private void DeleteSubtree(string dn)
    {
        var entries = Session.Search(dn, "(objectClass=*)", SearchScope.Subtree, "1.1")
            .Select(e => e.DistinguishedName)
            .OrderByDescending(d => DistinguishedNames.Normalize(d).Count(c => c == ','))
            .ToList();
        foreach (var entry in entries)
            Session.Delete(entry);
    }

    private static DirectoryAttributeModification Replace(string name, params string[] values)
    {
        var modification = new DirectoryAttributeModification { Name = name, Operation = DirectoryAttributeOperation.Replace };
        foreach (var value in values)
            modification.Add(value);
        return modification;
    }
}
