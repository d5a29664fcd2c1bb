using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;

namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// What Get-MoveRequest and New-MoveRequest write, as Exchange 2010's MoveRequest: the request kept on the mailbox user
/// (docs/recipients.md). In the directory model a move completes at once, so Status is Completed.
/// </summary>
public sealed class MoveRequest
{
    private MoveRequest(Core.Recipients.Mailbox mailbox, Core.Recipients.MoveRequest request, IReadOnlyList<Core.Databases.MailboxDatabase> databases)
    {
        ADObjectId? Database(string? dn) => dn is null ? null
            : new ADObjectId(databases.FirstOrDefault(d => DistinguishedNames.AreEqual(d.DistinguishedName, dn))?.Name ?? DistinguishedNames.FirstValue(dn), dn);
        DisplayName = mailbox.DisplayName ?? mailbox.Name;
        Alias = mailbox.Alias;
        Status = request.Status.ToString();
        SourceDatabase = Database(request.SourceDatabaseDn);
        TargetDatabase = Database(request.TargetDatabaseDn);
        BatchName = request.BatchName ?? "";
        Flags = request.Flags.ToString();
        RequestStyle = request.Flags.HasFlag(MoveRequestFlags.CrossOrg) ? "CrossOrg" : "IntraOrg";
        Direction = request.Flags.HasFlag(MoveRequestFlags.Push) ? "Push" : "Pull";
        Identity = new ADObjectId(mailbox.Name, mailbox.DistinguishedName, RecipientNames.CanonicalName(mailbox.DistinguishedName));
        ExchangeGuid = mailbox.ExchangeGuid ?? System.Guid.Empty;
        DistinguishedName = mailbox.DistinguishedName;
    }

    public static MoveRequest? From(Core.Recipients.Mailbox mailbox, IReadOnlyList<Core.Databases.MailboxDatabase> databases) =>
        mailbox.Move is { } request ? new MoveRequest(mailbox, request, databases) : null;

    public string DisplayName { get; }
    public string Alias { get; }
    public string Status { get; }
    public ADObjectId? SourceDatabase { get; }
    public ADObjectId? TargetDatabase { get; }
    public string BatchName { get; }
    public string Flags { get; }
    public string RequestStyle { get; }
    public string Direction { get; }
    public ADObjectId Identity { get; }
    public Guid ExchangeGuid { get; }
    public string DistinguishedName { get; }

    public override string ToString() => DisplayName;
}
