using System.Collections.Concurrent;
using CasDirectory.Core.Recipients;
using CasDirectory.Core.Topology;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Exchange;
using CasDirectory.Ldap.Local;
using CasDirectory.Service.SiteTopology;
using Microsoft.Extensions.Options;

namespace CasDirectory.Service.Autodiscover;

/// <summary>
/// The directory as Autodiscover reads it, shared by concurrent requests: a few sessions (the updater account's, which
/// reads but never writes here), the configuration read once and again when the directory changes (its
/// highestCommittedUSN) or TopologyRefresh has passed (a delete does not raise the USN), and the mailbox of each request
/// read live, so a move or a new address shows at once. Passwords are checked by binding as the user.
/// </summary>
public sealed class AutodiscoverDirectory(IOptions<SiteTopologyOptions> site, IOptions<AutodiscoverOptions> options) : IDisposable
{
    private readonly ConcurrentBag<ExchangeDirectory> _idle = [];
    private const int Sessions = 8;
    private readonly SemaphoreSlim _sessions = new(Sessions, Sessions);
    // Mailboxes as last read, by the address or legacyExchangeDN asked for, with the USN they were read at: a mailbox
    // changed since then changed the USN too (deletes do not: the TopologyRefresh bound covers them, as for the view).
    private readonly ConcurrentDictionary<string, (string? Usn, DateTime ReadAt, IReadOnlyList<(Mailbox, Core.ClientView.OutlookProfile?)> Found)> _mailboxes = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _reload = new(1, 1);
    private View? _view;
    private CredentialVerifier? _verifier;
    private DirectoryEndpoint? _endpoint;

    /// <summary>The configuration as last read, and what identifies the organisation to clients.</summary>
    public sealed record View(TopologySnapshot Topology, string? Usn, DateTime ReadAt, Guid DeploymentId, string? DomainController, string Domain);

    private (DirectoryEndpoint Endpoint, DirectoryCredential Credential) Target() =>
        DirectoryTarget.Resolve(site.Value.DomainController, site.Value.DataDirectory, DirectoryAccounts.Updater);

    /// <summary>Runs <paramref name="read"/> on a pooled session; a session that failed is dropped, not reused.</summary>
    public async Task<T> With<T>(Func<ExchangeDirectory, T> read, CancellationToken cancellation)
    {
        await _sessions.WaitAsync(cancellation);
        ExchangeDirectory? directory = null;
        try
        {
            directory = _idle.TryTake(out var idle) ? idle : Connect();
            var result = read(directory);
            _idle.Add(directory);
            directory = null;
            return result;
        }
        finally
        {
            directory?.Dispose();
            _sessions.Release();
        }
    }

    private ExchangeDirectory Connect()
    {
        var (endpoint, credential) = Target();
        _endpoint ??= endpoint;
        return ExchangeDirectory.Connect(endpoint, credential);
    }

    /// <summary>
    /// The directory's version now (its highestCommittedUSN): one root DSE read per request decides whether what is
    /// cached is still what the directory holds, so an answer never lags a write that finished before the request.
    /// </summary>
    /// <remarks>
    /// Requests that arrive while a read is in flight share the next one, which starts after they arrived (never the
    /// one in flight, which may have started before a write they must see): under load, one read serves a batch.
    /// </remarks>
    public Task<string?> Version(CancellationToken cancellation)
    {
        lock (_versionGate)
        {
            if (_versionRead is null)
            {
                var read = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _versionRead = read.Task;
                _ = Task.Run(() => ReadFor(read)); // LDAP is synchronous: never under the lock, never on the caller's thread
                return read.Task.WaitAsync(cancellation);
            }
            _nextVersion ??= new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _nextVersion.Task.WaitAsync(cancellation);
        }
    }

    private readonly Lock _versionGate = new();
    private Task<string?>? _versionRead;
    private TaskCompletionSource<string?>? _nextVersion;

    private async Task ReadFor(TaskCompletionSource<string?> waiting)
    {
        try
        {
            waiting.SetResult(await With(d => d.HighestCommittedUsn(), CancellationToken.None));
        }
        catch (Exception e)
        {
            waiting.SetException(e); // each waiting request reports it (503)
        }
        finally
        {
            lock (_versionGate)
            {
                var next = _nextVersion;
                _nextVersion = null;
                _versionRead = next?.Task;
                if (next is not null)
                    _ = Task.Run(() => ReadFor(next));
            }
        }
    }

    /// <summary>The mailbox an address names, from the cache while the directory has not changed (and for at most TopologyRefresh), else read.</summary>
    public async Task<IReadOnlyList<(Mailbox Mailbox, Core.ClientView.OutlookProfile? Profile)>> FindMailbox(string addressOrLegacyDn, string? usn, CancellationToken cancellation)
    {
        if (_mailboxes.TryGetValue(addressOrLegacyDn, out var cached) && cached.Usn == usn && usn is not null && DateTime.UtcNow - cached.ReadAt < options.Value.TopologyRefresh)
            return cached.Found;
        var found = await With(d => d.FindMailbox(addressOrLegacyDn), cancellation);
        // Only mailboxes that exist are kept (a client asking for made-up addresses grows nothing), at most 10,000.
        if (found.Count > 0)
        {
            if (_mailboxes.Count >= 10_000)
                foreach (var stale in _mailboxes.Where(m => m.Value.Usn != usn || DateTime.UtcNow - m.Value.ReadAt >= options.Value.TopologyRefresh).Select(m => m.Key).ToList())
                    _mailboxes.TryRemove(stale, out _);
            if (_mailboxes.Count < 10_000)
                _mailboxes[addressOrLegacyDn] = (usn, DateTime.UtcNow, found);
        }
        return found;
    }

    /// <summary>Forgets a mailbox read (after the service itself wrote it: the write raised the USN anyway).</summary>
    public void Forget(string addressOrLegacyDn) => _mailboxes.TryRemove(addressOrLegacyDn, out _);

    /// <summary>The configuration, read again if the directory changed since (<paramref name="usn"/>) or it is older than TopologyRefresh.</summary>
    public async Task<View> CurrentView(string? usn, CancellationToken cancellation)
    {
        if (_view is { } view && view.Usn == usn && DateTime.UtcNow - view.ReadAt < options.Value.TopologyRefresh)
            return view;
        await _reload.WaitAsync(cancellation);
        try
        {
            if (_view is { } fresh && fresh.Usn == usn && DateTime.UtcNow - fresh.ReadAt < options.Value.TopologyRefresh)
                return fresh; // another request read it meanwhile
            return _view = await With(d => new View(d.ReadTopology(), usn, DateTime.UtcNow, d.OrganizationGuid(), d.DomainControllerName(), d.Partition.Domain.Value), cancellation);
        }
        finally
        {
            _reload.Release();
        }
    }

    public Task<string?> FindLogonDn(string logon, CancellationToken cancellation) => With(d => d.FindLogonDn(logon), cancellation);

    private string? _noSuchUser;

    /// <summary>A DN in CN=Users that no entry has (casdir refuses the character in a name): what an unknown logon name binds as.</summary>
    public async Task<string> NoSuchUserDn(CancellationToken cancellation) =>
        _noSuchUser ??= await With(d => $"CN=casdir-no-such-user\\0A,{d.Partition.UsersDn}", cancellation);

    public Task<bool> VerifyPassword(string dn, string password, CancellationToken cancellation)
    {
        _verifier ??= new CredentialVerifier(_endpoint ?? Target().Endpoint);
        return _verifier.VerifyAsync(dn, password, cancellation);
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var directory))
            directory.Dispose();
        _verifier?.Dispose();
        _sessions.Dispose();
        _reload.Dispose();
    }
}
