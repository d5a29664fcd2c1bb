namespace CasDirectory.Core.ClientView;

/// <summary>
/// What an Outlook profile made from a mailbox's Autodiscover answer holds, as Outlook keeps it (docs/outlook.md, O8): the
/// RPC server name (EXCH Server: the RpcClientAccessServer), the Outlook Anywhere proxy (EXPR Server) and the database the
/// mailbox was in when the profile took them.
/// </summary>
public sealed record OutlookProfile(string MailboxDn, string MailboxName, string RpcServer, string? Proxy, string DatabaseDn, DateTimeOffset Recorded);

/// <summary>A recorded profile beside the database its mailbox is in now.</summary>
public sealed record MailboxProfile(OutlookProfile Profile, string HomeDatabaseDn);

/// <summary>
/// O8: when Outlook rewrites the server its profile holds. A new profile takes the answer. An existing one keeps its
/// server while that server still answers, even when the database now points elsewhere (an array created or changed
/// after profiles exist: truth 5 of "Demystifying the CAS Array Object"). It takes the new one after a move to another
/// database (the restart prompt of a move) or when the old endpoint is gone from the directory (Outlook fails over to
/// Autodiscover).
/// </summary>
public static class OutlookProfilePolicy
{
    /// <summary>The profile after this answer, or null when the recorded one stays as it is.</summary>
    public static OutlookProfile? Next(OutlookProfile? recorded, string mailboxDn, string mailboxName, string databaseDn, OutlookSettings answer,
        IEnumerable<string> endpointFqdns, DateTimeOffset now)
    {
        var fresh = new OutlookProfile(mailboxDn, mailboxName, answer.Exch.Server, answer.Expr?.Server, databaseDn, now);
        if (recorded is null)
            return fresh;
        if (string.Equals(recorded.RpcServer, answer.Exch.Server, StringComparison.OrdinalIgnoreCase)
            && string.Equals(recorded.Proxy, answer.Expr?.Server, StringComparison.OrdinalIgnoreCase)
            && Naming.DistinguishedNames.AreEqual(recorded.DatabaseDn, databaseDn))
            return null;
        var moved = !Naming.DistinguishedNames.AreEqual(recorded.DatabaseDn, databaseDn);
        var endpointGone = !endpointFqdns.Contains(recorded.RpcServer, StringComparer.OrdinalIgnoreCase);
        if (moved || endpointGone)
            return fresh;
        // Same database, server still there: the RPC server stays; the proxy follows Autodiscover's periodic refresh.
        return string.Equals(recorded.Proxy, answer.Expr?.Server, StringComparison.OrdinalIgnoreCase) ? null : recorded with { Proxy = answer.Expr?.Server };
    }
}
