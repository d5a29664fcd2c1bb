using System.DirectoryServices.Protocols;
using System.Globalization;
using CasDirectory.Core.ClientView;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;

namespace CasDirectory.Ldap.Exchange;

/// <summary>What a client-facing service reads per request (Autodiscover): one search each, values escaped, nothing cached.</summary>
public sealed partial class ExchangeDirectory
{
    /// <summary>
    /// The mailbox an Autodiscover request names: by an SMTP address (its mail, or any smtp: proxy address, any case)
    /// or by a legacyExchangeDN (its own, or an X500: proxy address it keeps from before). One indexed search.
    /// </summary>
    /// <remarks>Every match is returned: an address two recipients hold is ambiguous, and the caller says so rather than pick one.</remarks>
    public IReadOnlyList<(Mailbox Mailbox, OutlookProfile? Profile)> FindMailbox(string emailAddressOrLegacyDn)
    {
        var value = LdapEscaping.FilterValue(emailAddressOrLegacyDn);
        var filter = emailAddressOrLegacyDn.StartsWith('/')
            ? $"(&(objectClass=user)(homeMDB=*)(|(legacyExchangeDN={value})(proxyAddresses=X500:{value})))"
            : $"(&(objectClass=user)(homeMDB=*)(|(mail={value})(proxyAddresses=smtp:{value})))";
        return Session.Search(Partition.DomainDn, filter, SearchScope.Subtree, e => ToMailbox(e) is { } m ? (m, ProfileOf(e, m)) : ((Mailbox, OutlookProfile?)?)null,
            [.. MailboxAttributeNames, .. ProfileAttributes]).OfType<(Mailbox, OutlookProfile?)>().ToList();
    }

    private static readonly string[] ProfileAttributes = ["casdirProfileRpcServer", "casdirProfileProxy", "casdirProfileDatabase", "casdirProfileRecorded"];

    private static OutlookProfile? ProfileOf(SearchResultEntry e, Mailbox mailbox) =>
        e.One("casdirProfileRpcServer") is { } server && e.One("casdirProfileDatabase") is { } database
            ? new OutlookProfile(mailbox.DistinguishedName, mailbox.Name, server, e.One("casdirProfileProxy"), database, GeneralizedTime(e.One("casdirProfileRecorded")) ?? DateTimeOffset.MinValue)
            : null;

    /// <summary>Every recorded Outlook profile (docs/outlook.md, O8): one search for mailboxes that have one.</summary>
    public IReadOnlyList<MailboxProfile> ReadOutlookProfiles() =>
        Session.Search(Partition.DomainDn, "(&(objectClass=user)(homeMDB=*)(casdirProfileRpcServer=*))", SearchScope.Subtree,
                e => ToMailbox(e) is { } m && ProfileOf(e, m) is { } p ? new MailboxProfile(p, m.DatabaseDn) : null, [.. MailboxAttributeNames, .. ProfileAttributes])
            .OfType<MailboxProfile>().ToList();

    /// <summary>Forgets what a mailbox's Outlook profile holds (a repaired or new profile takes Autodiscover's answer again).</summary>
    public void ClearOutlookProfile(string mailboxDn) =>
        Session.Send(new ModifyRequest(mailboxDn, ProfileAttributes.Select(a => new DirectoryAttributeModification { Name = a, Operation = DirectoryAttributeOperation.Replace }).ToArray()));

    /// <summary>Records what a mailbox's Outlook profile now holds: one modify of the four attributes.</summary>
    public void WriteOutlookProfile(OutlookProfile profile)
    {
        var request = new ModifyRequest(profile.MailboxDn);
        void Replace(string name, string? value)
        {
            var modification = new DirectoryAttributeModification { Name = name, Operation = DirectoryAttributeOperation.Replace };
            if (value is not null)
                modification.Add(value);
            request.Modifications.Add(modification);
        }
        Replace("casdirProfileRpcServer", profile.RpcServer);
        Replace("casdirProfileProxy", profile.Proxy);
        Replace("casdirProfileDatabase", profile.DatabaseDn);
        Replace("casdirProfileRecorded", profile.Recorded.UtcDateTime.ToString("yyyyMMddHHmmss'Z'", CultureInfo.InvariantCulture));
        Session.Send(request);
    }

    /// <summary>
    /// The DN of the user a logon name names, as a Client Access server takes one in Basic authentication:
    /// DOMAIN\sAMAccountName (DOMAIN this domain's NetBIOS or DNS name), a user principal name (before an e-mail address
    /// another user holds as mail), an e-mail address, or a bare sAMAccountName. Null when none or more than one enabled
    /// user has it: a logon name names one account, and a disabled one (userAccountControl ACCOUNTDISABLE) logs on nowhere.
    /// </summary>
    public string? FindLogonDn(string logon)
    {
        var slash = logon.IndexOf('\\');
        if (slash >= 0)
        {
            var domain = logon[..slash];
            if (!string.Equals(domain, Partition.Domain.FirstLabel, StringComparison.OrdinalIgnoreCase) && !string.Equals(domain, Partition.Domain.Value, StringComparison.OrdinalIgnoreCase))
                return null;
        }
        var name = LdapEscaping.FilterValue(slash >= 0 ? logon[(slash + 1)..] : logon);
        const string Enabled = "(!(userAccountControl:1.2.840.113556.1.4.803:=2))";
        var filter = slash < 0 && logon.Contains('@')
            ? $"(&(objectClass=user){Enabled}(|(userPrincipalName={name})(mail={name})))"
            : $"(&(objectClass=user){Enabled}(sAMAccountName={name}))";
        var found = Session.Search(Partition.DomainDn, filter, SearchScope.Subtree, e => (e.DistinguishedName, Upn: e.One("userPrincipalName")), "userPrincipalName");
        if (found.Count == 1)
            return found[0].DistinguishedName;
        var byUpn = found.Where(f => string.Equals(f.Upn, logon, StringComparison.OrdinalIgnoreCase)).ToList();
        return byUpn.Count == 1 ? byUpn[0].DistinguishedName : null;
    }

    /// <summary>The organisation's GUID (Autodiscover's DeploymentId): its container's entryUUID.</summary>
    public Guid OrganizationGuid() =>
        Session.Read(Partition.OrganizationDn, "entryUUID")?.One("entryUUID") is { } uuid && Guid.TryParse(uuid, out var guid) ? guid : Guid.Empty;

    /// <summary>The directory's own DNS name, as its root DSE publishes it (dnsHostName): the AD server Autodiscover names.</summary>
    public string? DomainControllerName() => Session.Read("", "dnsHostName")?.One("dnsHostName");

    /// <summary>The root DSE's highestCommittedUSN: it changes with every add and modify anywhere in the directory.</summary>
    public string? HighestCommittedUsn() => Session.Read("", "highestCommittedUSN")?.One("highestCommittedUSN");
}
