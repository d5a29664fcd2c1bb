using CasDirectory.Ldap.Connection;

namespace CasDirectory.Ldap.Local;

/// <summary>
/// What <c>casdir status</c> says of each server of a replicated directory (docs/replication.md): the folder's own and
/// the peers its casdir.json records, each read as the admin (all share its password): whether it answers, the
/// contextCSN of both replicated databases, and how far it is behind the newest change any of them holds (per serverID).
/// </summary>
public sealed record ReplicationReport(IReadOnlyList<ReplicaReport> Servers)
{
    public static ReplicationReport For(LocalDirectoryStatus self)
    {
        var state = self.State;
        var admin = state.Accounts[DirectoryAccounts.Admin];
        var credential = DirectoryCredential.FromPasswordFile(admin.Dn, admin.PasswordFile);
        var suffixes = new[] { state.ConfigurationDn, state.BaseDn };
        var members = new List<(string Url, string DataDirectory, string Role, int ServerId, bool Self)>
        {
            (state.Url, self.DataDirectory, state.EffectiveRole, state.EffectiveServerId, true),
        };
        members.AddRange(state.KnownPeers.Select(p => (p.Url, p.DataDirectory, p.Role, p.ServerId, false)));

        var read = members.Select(m => (Member: m, Csns: suffixes.ToDictionary(s => s, s => ChangeSequence.TryRead(m.Url, credential, s)))).ToList();
        // The newest CSN of each serverID any answering server holds, per database: what "in step" is measured against.
        var newest = suffixes.ToDictionary(s => s, s => new ChangeSequence(read
            .Select(r => r.Csns[s]).Where(c => c is not null).SelectMany(c => c!.Csns)
            .GroupBy(c => ChangeSequence.Parse(c)?.ServerId ?? -1).Select(g => g.Max(StringComparer.Ordinal)!).ToList()));
        return new ReplicationReport(read.Select(r =>
        {
            var answering = r.Csns.Values.All(c => c is not null);
            TimeSpan? lag = answering ? suffixes.Select(s => r.Csns[s]!.BehindBy(newest[s], r.Member.ServerId)).Max() : null;
            return new ReplicaReport(r.Member.Url, r.Member.DataDirectory, r.Member.Role, r.Member.ServerId, r.Member.Self, answering,
                r.Csns.ToDictionary(c => c.Key, c => c.Value?.Csns ?? (IReadOnlyList<string>)[]), lag);
        }).ToList());
    }
}

/// <summary>One server in a <see cref="ReplicationReport"/>. <see cref="Lag"/> is zero when it is in step, null when it does not answer.</summary>
public sealed record ReplicaReport(string Url, string DataDirectory, string Role, int ServerId, bool Self, bool Answering,
    IReadOnlyDictionary<string, IReadOnlyList<string>> ContextCsn, TimeSpan? Lag)
{
    public bool InStep => Lag == TimeSpan.Zero;

    public string LagText => Lag switch
    {
        null => "unknown (not answering)",
        { } zero when zero == TimeSpan.Zero => "in step",
        { } never when never == TimeSpan.MaxValue => "behind: holds nothing of a server's changes yet",
        { } behind => $"behind by {behind.TotalSeconds:0.000} s",
    };
}
