using System.Management.Automation;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// <para type="synopsis">Lists mailboxes: all, one by identity, those in a database, on a server or in an organizational unit.</para>
/// </summary>
/// <example>
/// <code>Get-Mailbox</code>
/// <para>Lists every mailbox with its alias, server and ProhibitSendQuota.</para>
/// </example>
/// <example>
/// <code>Get-Mailbox -Database MDB01 | ft Name,PrimarySmtpAddress</code>
/// <para>Lists the mailboxes in MDB01 (Microsoft Learn, Get-Mailbox, Exchange 2010, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "Mailbox", DefaultParameterSetName = "Identity")]
[OutputType(typeof(Objects.Mailbox))]
public sealed class GetMailboxCommand : CasDirectoryCmdlet
{
    /// <summary>A mailbox's name, alias, e-mail address, UPN, DN, legacyExchangeDN or GUID; wildcards match names and aliases.</summary>
    [Parameter(Position = 0, ParameterSetName = "Identity", ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MailboxNameCompleter))]
    public MailboxIdParameter? Identity { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = "Database", ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter? Database { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = "Server")]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter? Server { get; set; }

    [Parameter(ParameterSetName = "AnrSet", Mandatory = true)]
    public string? Anr { get; set; }

    [Parameter]
    public OrganizationalUnitIdParameter? OrganizationalUnit { get; set; }

    /// <summary>The most mailboxes to return ("Unlimited" for all); EMS's default is 1000 and says when more exist.</summary>
    [Parameter, Validation.ExchangeValue(typeof(Core.Values.Unlimited<uint>))]
    public Core.Values.Unlimited<uint> ResultSize { get; set; } = new(1000);

    /// <summary>Only mailboxes of these kinds (UserMailbox, RoomMailbox, EquipmentMailbox, SharedMailbox, …).</summary>
    [Parameter]
    public RecipientTypeDetails[]? RecipientTypeDetails { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        IEnumerable<Mailbox> mailboxes = directory.ReadMailboxes();
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
        var list = mailboxes.ToList();
        var limit = ResultSize.IsUnlimited ? list.Count : (int)Math.Min(ResultSize.Value, int.MaxValue);
        foreach (var mailbox in list.Take(limit))
            WriteObject(Objects.Mailbox.From(mailbox, databases));
        if (list.Count > limit)
            WriteWarning($"By default only the first {limit} items are returned. Use the ResultSize parameter to specify the number of items returned. To return all items, specify \"-ResultSize Unlimited\".");
    }

    private static bool Like(string pattern, string value) => new WildcardPattern(pattern, WildcardOptions.IgnoreCase).IsMatch(value);
}
