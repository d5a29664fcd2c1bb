using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.ActiveDirectory;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// <para type="synopsis">Lists mailboxes: all, one by identity, those in a database, on a server, in an organizational unit or matching an OPATH filter.</para>
/// <para type="description">-Filter takes Exchange's OPATH ({Alias -like 'a*'}, "Database -eq 'MDB01'") over the filterable
/// mailbox properties, translated into one LDAP filter evaluated by the directory; -SortBy sorts by a property.
/// Arbitration mailboxes are shown only with -Arbitration, mailboxes with an archive only with -Archive, as in Exchange.</para>
/// </summary>
/// <example>
/// <code>Get-Mailbox</code>
/// <para>Lists every mailbox with its alias, server and ProhibitSendQuota.</para>
/// </example>
/// <example>
/// <code>Get-Mailbox -Database MDB01 | ft Name,PrimarySmtpAddress</code>
/// <para>Lists the mailboxes in MDB01 (Microsoft Learn, Get-Mailbox, Exchange 2010, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-Mailbox -Filter "Alias -like 'a*'" -SortBy DisplayName</code>
/// <para>Lists the mailboxes whose alias starts with a, sorted by display name.</para>
/// </example>
/// <example>
/// <code>Get-Mailbox -ResultSize Unlimited</code>
/// <para>Lists every mailbox of the organisation (Microsoft Learn, Get-Mailbox, Exchange 2010 example 1).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "Mailbox", DefaultParameterSetName = "Identity")]
[OutputType(typeof(Objects.Mailbox))]
public sealed class GetMailboxCommand : CasDirectoryCmdlet
{
    /// <summary>A mailbox's name, alias, e-mail address, UPN, DN, legacyExchangeDN or GUID; wildcards match names and aliases.</summary>
    [Parameter(Position = 0, ParameterSetName = "Identity", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MailboxNameCompleter))]
    public MailboxIdParameter? Identity { get; set; }

    [Parameter(ParameterSetName = "DatabaseSet", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter? Database { get; set; }

    [Parameter(ParameterSetName = "ServerSet", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter? Server { get; set; }

    [Parameter(ParameterSetName = "AnrSet")]
    public string? Anr { get; set; }

    /// <summary>Refused: the directory holds no mailbox plans (Exchange 2010 hosting).</summary>
    [Parameter(ParameterSetName = "MailboxPlanSet", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public MailboxPlanIdParameter? MailboxPlan { get; set; }

    [Parameter] public OrganizationalUnitIdParameter? OrganizationalUnit { get; set; }

    /// <summary>An OPATH filter over mailbox properties, such as "Alias -like 'a*'" or {Database -eq 'MDB01'}.</summary>
    [Parameter] public string? Filter { get; set; }

    /// <summary>A property to sort by (Name, Alias, DisplayName, PrimarySmtpAddress, Database, ServerName, …), ascending.</summary>
    [Parameter] public string? SortBy { get; set; }

    /// <summary>The most mailboxes to return ("Unlimited" for all); EMS's default is 1000 and says when more exist.</summary>
    [Parameter, Validation.ExchangeValue(typeof(Core.Values.Unlimited<uint>))]
    public Core.Values.Unlimited<uint> ResultSize { get; set; } = new(1000);

    /// <summary>Only mailboxes of these kinds (UserMailbox, RoomMailbox, EquipmentMailbox, SharedMailbox, …).</summary>
    [Parameter] public RecipientTypeDetails[]? RecipientTypeDetails { get; set; }

    [Parameter(ParameterSetName = "Identity")] [Parameter(ParameterSetName = "DatabaseSet")] [Parameter(ParameterSetName = "ServerSet")] [Parameter(ParameterSetName = "AnrSet")]
    public SwitchParameter Arbitration { get; set; }
    [Parameter] public SwitchParameter Archive { get; set; }
    /// <summary>Mailboxes with a remote (Exchange Online) archive: the directory can hold none, so none are listed.</summary>
    [Parameter(ParameterSetName = "Identity")] [Parameter(ParameterSetName = "DatabaseSet")] [Parameter(ParameterSetName = "ServerSet")] [Parameter(ParameterSetName = "AnrSet")]
    public SwitchParameter RemoteArchive { get; set; }
    /// <summary>The directory has no recipient scopes: every mailbox of the domain is in scope already.</summary>
    [Parameter(ParameterSetName = "Identity")] [Parameter(ParameterSetName = "DatabaseSet")] [Parameter(ParameterSetName = "ServerSet")] [Parameter(ParameterSetName = "AnrSet")]
    public SwitchParameter IgnoreDefaultScope { get; set; }
    /// <summary>Every read goes to the one directory already: there is no global catalog apart from it.</summary>
    [Parameter(ParameterSetName = "Identity")] [Parameter(ParameterSetName = "DatabaseSet")] [Parameter(ParameterSetName = "ServerSet")] [Parameter(ParameterSetName = "AnrSet")]
    public SwitchParameter ReadFromDomainController { get; set; }
    /// <summary>The one organisation of this directory; another is refused.</summary>
    [Parameter] public OrganizationIdParameter? Organization { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        Organization?.RequireIn(directory);
        UnmodelledObjects.RefuseValue(nameof(MailboxPlan), MailboxPlan, "mailbox plans (Exchange 2010 hosting)");
        IEnumerable<Mailbox> mailboxes = Filter is null ? directory.ReadMailboxes() : directory.ReadMailboxes(LdapFilter(directory, Filter));
        var databases = directory.ReadDatabases();
        if (Identity is not null)
        {
            var identity = Identity.RawIdentity;
            mailboxes = WildcardPattern.ContainsWildcardCharacters(identity)
                ? mailboxes.Where(m => Like(identity, m.Name) || Like(identity, m.Alias)).ToList()
                : [RecipientLookup.Mailbox(mailboxes, identity)];
        }
        if (Database is not null)
        {
            var database = ObjectLookup.Database(databases.Where(d => !d.IsPublicFolderDatabase), Database.RawIdentity);
            mailboxes = mailboxes.Where(m => DistinguishedNames.AreEqual(m.DatabaseDn, database.DistinguishedName));
        }
        if (Server is not null)
        {
            var server = ObjectLookup.Server(directory.ReadServersAndArrays().Servers, Server.RawIdentity);
            mailboxes = mailboxes.Where(m => ObjectName.Same(m.ServerName, server.Name));
        }
        if (Anr is not null)
            mailboxes = mailboxes.Where(m => new[] { m.Name, m.Alias, m.DisplayName, m.FirstName, m.LastName, m.PrimarySmtpAddress, m.SamAccountName }
                .Any(v => v is not null && v.StartsWith(Anr, StringComparison.OrdinalIgnoreCase)));
        if (OrganizationalUnit is not null)
        {
            var container = RecipientContainers.Resolve(directory, OrganizationalUnit.RawIdentity);
            mailboxes = mailboxes.Where(m => DistinguishedNames.Normalize(m.DistinguishedName).EndsWith("," + DistinguishedNames.Normalize(container), StringComparison.Ordinal));
        }
        if (RecipientTypeDetails is { Length: > 0 } kinds)
            mailboxes = mailboxes.Where(m => kinds.Contains(m.RecipientTypeDetails));
        // Arbitration mailboxes are system mailboxes: only -Arbitration lists them, and then only them.
        mailboxes = mailboxes.Where(m => (m.RecipientTypeDetails == Core.Recipients.RecipientTypeDetails.ArbitrationMailbox) == Arbitration.IsPresent);
        if (Archive)
            mailboxes = mailboxes.Where(m => m.HasArchive);
        if (RemoteArchive)
            mailboxes = [];
        var list = mailboxes.Select(m => Objects.Mailbox.From(m, databases)).ToList();
        if (SortBy is not null)
            list = Sorted(list, SortBy);
        var limit = ResultSize.IsUnlimited ? list.Count : (int)Math.Min(ResultSize.Value, int.MaxValue);
        foreach (var mailbox in list.Take(limit))
            WriteObject(mailbox);
        if (list.Count > limit)
            WriteWarning($"By default only the first {limit} items are returned. Use the ResultSize parameter to specify the number of items returned. To return all items, specify \"-ResultSize Unlimited\".");
    }

    /// <summary>The OPATH filter as one LDAP filter; a database, server or recipient named by name is looked up to its DN.</summary>
    private string LdapFilter(Ldap.Exchange.ExchangeDirectory directory, string filter)
    {
        var properties = MailboxFilterProperties.For(directory.SchemaHasAttribute, (attribute, value) => attribute switch
        {
            "homeMDB" or "msExchArchiveDatabaseLink" => ObjectLookup.Database(directory.ReadDatabases().Where(d => !d.IsPublicFolderDatabase), value).DistinguishedName,
            _ => RecipientReferences.Recipient(directory, value),
        });
        var ldap = AdFilter.ToLdap(filter, properties, name => SessionState.PSVariable.GetValue(name));
        return ldap == "(objectClass=*)" ? "" : ldap;
    }

    private static List<Objects.Mailbox> Sorted(List<Objects.Mailbox> list, string property)
    {
        var info = typeof(Objects.Mailbox).GetProperties().FirstOrDefault(p => p.Name.Equals(property, StringComparison.OrdinalIgnoreCase))
            ?? throw new DomainRuleException($"-SortBy '{property}' is not a property of a mailbox; use one such as Name, Alias, DisplayName, PrimarySmtpAddress, Database or ServerName.", isMalformedInput: true);
        return list.OrderBy(m => info.GetValue(m)?.ToString(), StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static bool Like(string pattern, string value) => new WildcardPattern(pattern, WildcardOptions.IgnoreCase).IsMatch(value);
}
