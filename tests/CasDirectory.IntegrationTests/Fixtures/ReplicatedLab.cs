using System.Diagnostics;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Local;

namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>
/// A replicated directory on 127.0.0.1 made as <c>casdir up</c> makes one (docs/replication.md): provider A (the sample
/// lab by default), its mirror B (<c>--mirror-of A</c>) and, when asked, a read-only consumer C (<c>--consumer-of A</c>,
/// which reads from A and B), each on free ports in one temporary folder. Stopped and deleted on dispose.
/// </summary>
public sealed class ReplicatedLab : IDisposable
{
    /// <summary>
    /// Attributes whose values may legitimately differ between servers holding the same data: none was found. casdir-guard's
    /// AD attributes (uSNChanged, whenChanged, objectGUID…) derive from entryCSN and entryUUID, which replicate. A DN
    /// value's attribute types come back in slapd's case (cn=) from a replica and as loaded (CN=) from the seeded provider,
    /// which is why the dumps compare case-insensitively.
    /// </summary>
    public static readonly IReadOnlySet<string> PerServerAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    private readonly TemporaryFolder _folder;
    private readonly List<ReplicatedServer> _servers = [];

    private ReplicatedLab(TemporaryFolder folder) => _folder = folder;

    public ReplicatedServer A => _servers[0];
    public ReplicatedServer B => _servers[1];
    /// <summary>The consumer; only when started with a consumer.</summary>
    public ReplicatedServer C => _servers.Count > 2 ? _servers[2] : throw new InvalidOperationException("This lab was started without a consumer (ReplicatedLab.Start(withConsumer: true)).");
    public IReadOnlyList<ReplicatedServer> Servers => _servers;
    public string Folder => _folder.Path;

    /// <summary>Starts A, its mirror B, and consumer C if asked, and returns once all hold the same (casdir up waits for it).</summary>
    public static ReplicatedLab Start(bool withConsumer = false, string? sample = "lab")
    {
        var folder = new TemporaryFolder("casdir-replicated");
        var lab = new ReplicatedLab(folder);
        try
        {
            lab._servers.Add(lab.Up("A", new LocalDirectoryOptions { DataDirectory = folder.Combine("a"), Sample = sample }));
            lab._servers.Add(lab.Up("B", new LocalDirectoryOptions { DataDirectory = folder.Combine("b"), MirrorOf = lab.A.DataDirectory }));
            if (withConsumer)
                lab._servers.Add(lab.Up("C", new LocalDirectoryOptions { DataDirectory = folder.Combine("c"), ConsumerOf = [lab.A.DataDirectory] }));
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    private ReplicatedServer Up(string name, LocalDirectoryOptions options)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (_, status) = LocalDirectory.Up(options with { Port = FreePort.Next(), LdapsPort = FreePort.Next() });
                return new ReplicatedServer(name, status.DataDirectory);
            }
            catch (LocalDirectoryException e) when (attempt < 3 && e.Message.Contains("in use"))
            {
                // another fixture took the port between our check and slapd's bind; nothing was kept
            }
        }
    }

    /// <summary>SIGKILLs a server's slapd (kill -9): no shutdown, nothing flushed beyond what mdb had committed.</summary>
    public void Kill(ReplicatedServer server)
    {
        foreach (var pid in server.Pids())
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
            process.WaitForExit();
        }
    }

    /// <summary>Starts a server again as <c>casdir up --data DIR</c> does, replication included.</summary>
    public void Restart(ReplicatedServer server) => LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = server.DataDirectory });

    /// <summary>Stops a server as <c>casdir down</c> does.</summary>
    public void Stop(ReplicatedServer server) => LocalDirectory.Down(server.DataDirectory);

    /// <summary>
    /// Waits until every running server (or those given) holds the same: equal contextCSN of both replicated databases
    /// and an equal dump of both suffixes read as the admin (every attribute, operational ones too, but
    /// <see cref="PerServerAttributes"/>). Throws with the differences when the timeout passes.
    /// </summary>
    public void WaitConverged(TimeSpan timeout, params ReplicatedServer[] servers)
    {
        var members = servers.Length > 0 ? servers : _servers.Where(s => s.IsRunning).ToArray();
        var clock = Stopwatch.StartNew();
        var difference = "";
        while (true)
        {
            difference = Difference(members);
            if (difference.Length == 0)
                return;
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"The servers did not converge within {timeout.TotalSeconds:0} s: {difference}");
            Thread.Sleep(200);
        }
    }

    private static string Difference(IReadOnlyList<ReplicatedServer> members)
    {
        var first = members[0];
        foreach (var suffix in new[] { first.State.ConfigurationDn, first.State.BaseDn })
        {
            var reference = first.ContextCsn(suffix);
            foreach (var other in members.Skip(1))
            {
                var theirs = other.ContextCsn(suffix);
                if (reference is null || theirs is null || !reference.SameAs(theirs))
                    return $"{suffix} contextCSN {first.Name} {reference?.ToString() ?? "(no answer)"}, {other.Name} {theirs?.ToString() ?? "(no answer)"}";
            }
        }
        var dump = first.Dump();
        foreach (var other in members.Skip(1))
        {
            var theirs = other.Dump();
            if (!dump.SequenceEqual(theirs))
            {
                var onlyFirst = dump.Except(theirs).Take(3);
                var onlyOther = theirs.Except(dump).Take(3);
                return $"dumps differ: only at {first.Name}: [{string.Join(" | ", onlyFirst)}], only at {other.Name}: [{string.Join(" | ", onlyOther)}]";
            }
        }
        return "";
    }

    public void Dispose()
    {
        try
        {
            foreach (var server in Enumerable.Reverse(_servers))
            {
                try
                {
                    LocalDirectory.Down(server.DataDirectory);
                }
                catch (LocalDirectoryException)
                {
                    // stopped already or never made
                }
            }
        }
        finally
        {
            _folder.Dispose();
        }
    }
}

/// <summary>One server of a <see cref="ReplicatedLab"/>: where it listens and how to reach it as each account.</summary>
public sealed class ReplicatedServer(string name, string dataDirectory)
{
    public string Name { get; } = name;
    public string DataDirectory { get; } = dataDirectory;

    /// <summary>What casdir.json says now (peers change when a mirror or consumer is added).</summary>
    public LocalDirectoryState State => LocalDirectoryState.Load(new DataDirectory(DataDirectory));
    public LocalDirectoryStatus Status => LocalDirectory.Status(DataDirectory);
    public string Url => State.Url;
    public string LdapsUrl => State.LdapsUrl!;
    public string CaFile => State.CaFile!;
    public string Role => State.EffectiveRole;
    public int ServerId => State.EffectiveServerId;

    /// <summary>The slapd serving the folder, or null when none runs.</summary>
    public int? Pid => Pids().Cast<int?>().FirstOrDefault();
    public bool IsRunning => Pid is not null;

    internal IReadOnlyList<int> Pids() => LocalDirectory.Status(DataDirectory).ProcessId is { } pid ? [pid] : [];

    /// <summary>OpenLDAP's tools against this server as one of its accounts.</summary>
    public LdapTools Tools => new(new LocalDirectoryStatus(DataDirectory, true, Pid, State));

    public LocalDirectoryAccount Account(string name) => State.Accounts[name];

    public DirectoryCredential Credential(string account) => DirectoryCredential.FromPasswordFile(Account(account).Dn, Account(account).PasswordFile);

    /// <summary>A bound S.DS.P connection to this server (plain LDAP on loopback) as an account.</summary>
    public System.DirectoryServices.Protocols.LdapConnection Connect(string account) =>
        DirectoryConnectionFactory.Open(DirectoryEndpoint.Parse(Url), Credential(account), TimeSpan.FromSeconds(30));

    /// <summary>contextCSN of a replicated suffix, read as the admin; null when the server does not answer.</summary>
    public ChangeSequence? ContextCsn(string suffix) => ChangeSequence.TryRead(Url, Credential(DirectoryAccounts.Admin), suffix);

    /// <summary>Both replicated suffixes, every entry with every attribute (operational too) as the admin, one
    /// "dn|attribute: value" line each, lower-cased and sorted, without <see cref="ReplicatedLab.PerServerAttributes"/>.</summary>
    public IReadOnlyList<string> Dump()
    {
        var lines = new List<string>();
        foreach (var suffix in new[] { State.ConfigurationDn, State.BaseDn }) // a search of the domain does not descend into the configuration (AD's naming contexts)
        {
            var result = Tools.Search(DirectoryAccounts.Admin, suffix, "(objectClass=*)", "sub", "*", "+");
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"ldapsearch of {suffix} at {Name} failed ({result.ExitCode}): {result.Error}");
            foreach (var entry in LdifEntry.Parse(result.Output))
            {
                foreach (var (attribute, values) in entry.Attributes)
                {
                    if (ReplicatedLab.PerServerAttributes.Contains(attribute))
                        continue;
                    lines.AddRange(values.Select(v => $"{entry.Dn}|{attribute}: {v}".ToLowerInvariant()));
                }
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    public override string ToString() => $"{Name} ({Url}, {DataDirectory})";
}
