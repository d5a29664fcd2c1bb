namespace CasDirectory.Testcontainers;

/// <summary>
/// Whether a replicated directory's servers are in step: each holds every change each provider made itself, in both
/// replicated naming contexts (the configuration partition and the domain), by their contextCSN. Asked inside each
/// container as its admin, so neither the test host needs an LDAP library nor the admin's password leaves the container.
/// </summary>
internal sealed class ReplicaSteps(IReadOnlyList<CasDirectoryContainer> servers, Func<CasDirectoryContainer, string> describe)
{
    private const string Accounts = "/var/lib/casdir/accounts";

    // The providers are serverIDs 1 and 2, the first two servers.
    private const int Providers = 2;

    public async Task WaitUntilInStepAsync(TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var behind = await FindBehindAsync(ct).ConfigureAwait(false);
            if (behind is null)
                return;
            if (DateTime.UtcNow > deadline)
                throw new CasDirectoryStartupException($"The replicated directory's servers did not get in step within {timeout.TotalSeconds:0} s: {behind}");
            await Task.Delay(200, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Null when in step, else the first server found behind and on what.</summary>
    private async Task<string?> FindBehindAsync(CancellationToken ct)
    {
        var first = servers[0];
        foreach (var suffix in new[] { first.ConfigurationNamingContext, first.DefaultNamingContext })
        {
            var read = await Task.WhenAll(servers.Select(server => ReadAsync(server, suffix, ct))).ConfigureAwait(false);
            if (Array.IndexOf(read, null) is var silent and >= 0)
                return $"{describe(servers[silent])} does not answer its admin's search of {suffix} yet.";
            var csns = read.Select(c => c!).ToList();
            // The creator made the directory: it always holds a value of its own (slapadd -S 1).
            if (csns[0].Of(1) is null)
                return $"{describe(first)} holds no contextCSN of its own in {suffix} yet.";
            for (var p = 0; p < Providers; p++)
            {
                for (var s = 0; s < servers.Count; s++)
                {
                    if (s != p && !csns[s].Covers(csns[p], p + 1))
                        return $"{describe(servers[s])} holds contextCSN {csns[s]} of {suffix}, not yet the changes of {describe(servers[p]).ToLowerInvariant()} ({csns[p]}).";
                }
            }
        }
        return null;
    }

    /// <summary>The server's contextCSN of the suffix, or null when it does not answer.</summary>
    private static async Task<ContextCsn?> ReadAsync(CasDirectoryContainer server, string suffix, CancellationToken ct)
    {
        var result = await server.ExecAsync(
        [
            "sh", "-c",
            $"ldapsearch -x -LLL -o ldif-wrap=no -H ldap://127.0.0.1/ -D \"$(cat {Accounts}/admin.dn)\" -y {Accounts}/admin.password -s base -b \"$1\" contextCSN",
            "sh", suffix,
        ], ct).ConfigureAwait(false);
        return result.ExitCode == 0 ? ContextCsn.Parse(result.Stdout) : null;
    }
}
