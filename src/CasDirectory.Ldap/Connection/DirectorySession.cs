using System.DirectoryServices.Protocols;
using CasDirectory.Core.Naming;
using CasDirectory.Ldap.Errors;
using DirectoryException = CasDirectory.Ldap.Errors.DirectoryException;
using Polly;
using Polly.Retry;

namespace CasDirectory.Ldap.Connection;

/// <summary>
/// One bound connection used for a whole casdir run (a command or a script), following "The LDAP client on Linux" in docs/rules.md:
/// bound explicitly before use; any LdapException poisons it, so it is disposed and the next call opens
/// a new one; transient failures (server down, timeout, connect error, busy, unavailable) are retried
/// with exponential backoff; searches page sequentially, never two at once on the connection.
/// Counts its operations so commands and benchmarks can show how many searches they made.
/// Every failure leaves it as a <see cref="DirectoryException"/>. A write that is retried after a failure may have
/// landed the first time, so a retried add that finds its entry, a retried delete that finds none and a retried
/// rename that finds the new name check what is there instead of failing (docs/rules.md, "Resumable writes").
/// </summary>
public sealed class DirectorySession : IDisposable
{
    // A page's entries sit in memory as S.DS.P objects (about 4 KB each) until the page is mapped: 250 keeps that under
    // a megabyte, and at 10,000 servers reads no slower than pages of 1,000 (docs/measurements.md, "What the memory is").
    private const int PageSize = 250;
    private readonly IReadOnlyList<DirectoryEndpoint> _endpoints;
    private readonly DirectoryCredential? _credential;
    private readonly MirrorWatch? _mirrors;
    private DirectoryEndpoint _endpoint;      // the server of the current connection (or the one to try first)
    private DirectoryEndpoint? _writer;       // the first server that answered this session: the only one it writes to
    private readonly ResiliencePipeline _retry;
    private LdapConnection? _connection;

    /// <param name="timeouts">The operation timeout to use; null: CASDIR_OPERATION_TIMEOUT (or its default).</param>
    public DirectorySession(DirectoryEndpoint endpoint, DirectoryCredential? credential, int maxRetries = 4, DirectoryTimeouts? timeouts = null)
    {
        _endpoints = endpoint.All;
        _endpoint = _endpoints[0];
        _credential = credential;
        _mirrors = endpoint.Durable is { } durable ? new MirrorWatch(durable, credential) : null;
        _timeouts = timeouts;
        _retry = maxRetries == 0 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                // A server that accepted the connection and never answered is not asked again: that would only multiply the wait.
                ShouldHandle = new PredicateBuilder().Handle<DirectoryException>(e => e.IsTransient && e.InnerException is not DirectoryUnresponsiveException),
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                UseJitter = true,
            })
            .Build();
    }

    /// <summary>The server this session writes to (once it has connected), otherwise the first it will try.</summary>
    public DirectoryEndpoint Endpoint => _writer ?? _endpoint;
    public int Searches { get; private set; }
    public int Writes { get; private set; }

    /// <summary>How many connections this session has opened: more than one means it lost one and reconnected, which
    /// its retries may have hidden from the caller (slapd may have restarted; its access log may have gaps).</summary>
    public int Connections { get; private set; }

    /// <summary>What this session has written, one line per successful write ("added CN=…"), so a run that fails
    /// midway can say exactly what it had already changed.</summary>
    public IReadOnlyList<string> Written => _written;

    /// <summary>Drops the record of what was written: a session that lives for days (the hosted service's) would otherwise
    /// keep one line per write it ever made.</summary>
    public void ForgetWritten() => _written.Clear();
    private readonly List<string> _written = [];

    /// <summary>Writes that were sent but whose outcome is unknown: the answer timed out or the connection was lost after
    /// the request went out, and no retry settled it. slapd may apply such a write later (a frozen slapd that resumes).
    /// One line each, worded as <see cref="Written"/>; re-running the script with -Resume settles them.</summary>
    public IReadOnlyList<string> Uncertain => _uncertain;
    private readonly List<string> _uncertain = [];

    public IReadOnlyList<SearchResultEntry> Search(string baseDn, string filter, SearchScope scope, params string[] attributes) =>
        Search(baseDn, filter, scope, entry => entry, attributes);

    /// <summary>A search whose entries are mapped page by page, so a large result never sits in memory as raw entries.</summary>
    public IReadOnlyList<T> Search<T>(string baseDn, string filter, SearchScope scope, Func<SearchResultEntry, T> map, params string[] attributes)
    {
        Searches++;
        return Execute(connection =>
        {
            var entries = new List<T>();
            var paging = new PageResultRequestControl(PageSize);
            var request = new SearchRequest(baseDn, filter, scope, attributes.Length == 0 ? ["*"] : attributes);
            request.Controls.Add(paging);
            while (true)
            {
                SearchResponse response;
                try
                {
                    response = (SearchResponse)Answer(connection, request);
                }
                catch (DirectoryOperationException e) when (e.Response?.ResultCode == ResultCode.NoSuchObject)
                {
                    return entries;
                }
                entries.AddRange(response.Entries.Cast<SearchResultEntry>().Select(map));
                var cookie = response.Controls.OfType<PageResultResponseControl>().FirstOrDefault()?.Cookie;
                if (cookie is null || cookie.Length == 0)
                    return entries;
                paging.Cookie = cookie;
            }
        });
    }

    public SearchResultEntry? Read(string dn, params string[] attributes) =>
        Search(dn, "(objectClass=*)", SearchScope.Base, attributes).FirstOrDefault();

    /// <summary>Sends a write; null when a retry found the first attempt already applied (no response of its own).</summary>
    public DirectoryResponse? Send(DirectoryRequest request)
    {
        Writes++;
        var attempts = 0;
        var dn = (request as AddRequest)?.DistinguishedName ?? (request as DeleteRequest)?.DistinguishedName
                 ?? (request as ModifyRequest)?.DistinguishedName ?? (request as ModifyDNRequest)?.DistinguishedName;
        if (_mirrors is not null && request is not DeleteRequest && !request.Controls.Cast<DirectoryControl>().Any(c => c.Type == PostReadControl.Oid))
            request.Controls.Add(PostReadControl.Request("entryCSN")); // the write's own CSN, for the mirrors to reach
        DirectoryResponse response;
        try
        {
            response = Execute(connection =>
            {
                attempts++;
                return Answer(connection, request);
            }, dn, write: true);
        }
        catch (DirectoryRefusedException e) when (attempts > 1 && LandedBefore(request, e.Result))
        {
            _written.Add(Describe(request, dn)); // the attempt that failed in transit had already been applied: written all the same
            AwaitMirrors(request, null, dn);
            return null;
        }
        catch (DirectoryUnavailableException e) when (attempts > 0)
        {
            _uncertain.Add(Describe(request, dn)); // sent, and no answer: slapd may still apply it
            if (_endpoints.Count > 1)
                throw new DirectoryUnavailableException(
                    $"The directory server {_writer} stopped answering during a write ({Describe(request, dn)}); the write may have been applied: re-read before retrying. " +
                    $"casdir does not send it to {string.Join(", ", _endpoints.Where(o => o != _writer))}: a session writes to one server only (a second writer breaks the directory's rules); " +
                    $"writes fail over through the front end (casdir frontend). ({e.Message.TrimEnd('.')})", e) { DistinguishedName = dn };
            throw;
        }
        _written.Add(Describe(request, dn));
        AwaitMirrors(request, response, dn);
        return response;
    }

    private (string ConfigurationDn, string DomainDn)? _namingContexts;

    /// <summary>
    /// Durable writes: returns once every mirror holds this write. Its CSN comes from the post-read control (an add, a
    /// modify, a rename); a delete has none, so the writer's contextCSN read right after on the same connection stands
    /// in (it is at least the delete's). A write outside the replicated naming contexts (cn=accesslog) waits for nothing.
    /// </summary>
    private void AwaitMirrors(DirectoryRequest request, DirectoryResponse? response, string? dn)
    {
        if (_mirrors is null || dn is null)
            return;
        _namingContexts ??= ReadNamingContexts();
        var (configuration, domain) = _namingContexts.Value;
        var context = IsAtOrBelow(dn, configuration) ? configuration : IsAtOrBelow(dn, domain) ? domain : null;
        if (context is null)
            return;
        IReadOnlyDictionary<int, ChangeSequenceNumber> wanted;
        if (response is not null && request is not DeleteRequest
            && ChangeSequenceNumber.TryParse(PostReadControl.Read(response).GetValueOrDefault("entryCSN")?.FirstOrDefault()) is { } csn)
            wanted = new Dictionary<int, ChangeSequenceNumber> { [csn.ServerId] = csn };
        else
            wanted = ChangeSequenceNumber.ByServer(
                Execute(connection => ((SearchResponse)Answer(connection, new SearchRequest(context, "(objectClass=*)", SearchScope.Base, "contextCSN"))).Entries
                    .Cast<SearchResultEntry>().SelectMany(e => e.Attributes["contextCSN"]?.GetValues(typeof(string)).Cast<string>() ?? []).ToList(), context, write: true));
        if (wanted.Count == 0)
            throw new DirectoryNotDurableException($"The write ({Describe(request, dn)}) IS on the writer {Endpoint}, but the writer shows no change sequence number (entryCSN, contextCSN) " +
                                                   "to wait for: is it a replicated provider (casdir up --mirror-of)? Durable writes need one.");
        _mirrors.WaitFor(context, wanted, Describe(request, dn), Endpoint);
    }

    private static bool IsAtOrBelow(string dn, string context)
    {
        if (context.Length == 0)
            return false;
        var (d, c) = (DistinguishedNames.Normalize(dn), DistinguishedNames.Normalize(context));
        return d == c || d.EndsWith("," + c, StringComparison.Ordinal);
    }

    private (string, string) ReadNamingContexts()
    {
        var rootDse = Execute(connection => ((SearchResponse)Answer(connection, new SearchRequest("", "(objectClass=*)", SearchScope.Base, "configurationNamingContext", "defaultNamingContext")))
            .Entries.Cast<SearchResultEntry>().FirstOrDefault(), "", write: true);
        string? One(string name) => rootDse?.Attributes[name]?.GetValues(typeof(string)).Cast<string>().FirstOrDefault();
        return (One("configurationNamingContext") ?? "", One("defaultNamingContext") ?? "");
    }

    private static string Describe(DirectoryRequest request, string? dn) => request switch
    {
        AddRequest => "added " + dn,
        DeleteRequest => "deleted " + dn,
        ModifyDNRequest rename => $"renamed {dn} to {rename.NewName}",
        ModifyRequest => "modified " + dn,
        _ => request.GetType().Name,
    };

    /// <summary>After a retry: is the refusal only the first attempt's own effect? (an add's entry, a delete's absence,
    /// a rename's new name, a value already added) An add is checked value by value: anything else is a rival's.</summary>
    private bool LandedBefore(DirectoryRequest request, DirectoryResult result) => (request, result) switch
    {
        (AddRequest add, DirectoryResult.EntryAlreadyExists) => Differences(add.DistinguishedName, Attributes(add)) is null,
        (DeleteRequest, DirectoryResult.NoSuchObject) => true,
        (ModifyDNRequest rename, DirectoryResult.NoSuchObject) =>
            Read($"{rename.NewName},{rename.NewParentDistinguishedName ?? DistinguishedNames.Parent(rename.DistinguishedName)}", "1.1") is not null,
        (ModifyRequest, DirectoryResult.AttributeOrValueExists) => true,
        _ => false,
    };

    /// <summary>Adds an entry; with <paramref name="postRead"/>, returns those attributes of the new entry (RFC 4527).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Add(string dn, IEnumerable<(string Name, IReadOnlyList<string> Values)> attributes, params string[] postRead) =>
        Add(dn, attributes, ensure: false, postRead);

    /// <summary>
    /// As above; with <paramref name="ensure"/>, an entry that is already there with the same values counts as written
    /// (completing an interrupted multi-entry write), and one with other values is a <see cref="DirectoryEntryDiffersException"/>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Add(string dn, IEnumerable<(string Name, IReadOnlyList<string> Values)> attributes, bool ensure, params string[] postRead)
    {
        var wanted = attributes.Where(a => a.Values.Count > 0).ToList();
        var request = new AddRequest(dn);
        foreach (var (name, values) in wanted)
            request.Attributes.Add(new DirectoryAttribute(name, values.Cast<object>().ToArray()));
        if (postRead.Length > 0)
            request.Controls.Add(PostReadControl.Request(_mirrors is null ? postRead : [.. postRead, "entryCSN"])); // durable: the write's CSN too
        try
        {
            if (Send(request) is { } response)
                return PostReadControl.Read(response);
        }
        catch (DirectoryRefusedException e) when (ensure && e.Result == DirectoryResult.EntryAlreadyExists)
        {
            if (Differences(dn, wanted) is { } difference)
                throw difference;
        }
        return postRead.Length == 0 ? new Dictionary<string, IReadOnlyList<string>>() : ReadValues(dn, postRead);
    }

    /// <summary>How an existing entry differs from the values an add would give it (values compare without case, as sets).</summary>
    private DirectoryEntryDiffersException? Differences(string dn, IReadOnlyList<(string Name, IReadOnlyList<string> Values)> wanted)
    {
        var found = ReadValues(dn, wanted.Select(a => a.Name).ToArray());
        foreach (var (name, values) in wanted)
        {
            var existing = found.GetValueOrDefault(name) ?? [];
            if (!existing.Select(Normalize).ToHashSet().SetEquals(values.Select(Normalize)))
                return new DirectoryEntryDiffersException(dn, name, existing, values) { DistinguishedName = dn };
        }
        return null;
    }

    // Without case, and DN values without the spaces some tools put after commas (harmless for other text).
    private static string Normalize(string value) => DistinguishedNames.Normalize(value);

    private static List<(string Name, IReadOnlyList<string> Values)> Attributes(AddRequest add) =>
        add.Attributes.Cast<DirectoryAttribute>().Select(a => (a.Name, (IReadOnlyList<string>)a.GetValues(typeof(string)).Cast<string>().ToList())).ToList();

    private Dictionary<string, IReadOnlyList<string>> ReadValues(string dn, string[] attributes)
    {
        var entry = Read(dn, attributes) ?? throw new DirectoryRefusedException(DirectoryResult.NoSuchObject, $"The object {dn} does not exist (any more).") { DistinguishedName = dn };
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in entry.Attributes.AttributeNames)
            values[name] = entry.Attributes[name].GetValues(typeof(string)).Cast<string>().ToList();
        return values;
    }

    public void Replace(string dn, string attribute, params string[] values)
    {
        var modification = new DirectoryAttributeModification { Name = attribute, Operation = DirectoryAttributeOperation.Replace };
        foreach (var value in values)
            modification.Add(value);
        Send(new ModifyRequest(dn, modification));
    }

    /// <summary>Replaces several attributes of one entry in one modify (one entry: atomic); an empty list of values clears one.</summary>
    public void Replace(string dn, IReadOnlyDictionary<string, IReadOnlyList<string>> attributes)
    {
        var modifications = attributes.Select(a =>
        {
            var modification = new DirectoryAttributeModification { Name = a.Key, Operation = DirectoryAttributeOperation.Replace };
            foreach (var value in a.Value)
                modification.Add(value);
            return modification;
        }).ToArray();
        Send(new ModifyRequest(dn, modifications));
    }

    public void Delete(string dn) => Send(new DeleteRequest(dn));

    private DirectoryTimeouts? _timeouts;
    private DirectoryTimeouts Timeouts => _timeouts ??= DirectoryTimeouts.FromEnvironment();

    /// <summary>
    /// One request and its answer, given up after the operation timeout. On Linux, S.DS.P hands libldap's ldap_result a
    /// timeval it does not lay out as libldap reads it, so SendRequest waits for ever on a server that stopped answering
    /// (a frozen slapd). The request runs on a pool thread under a watchdog instead; one that outlives it keeps its
    /// connection (libldap is still using the handle), which is dropped, never disposed, and the request is reported as
    /// sent without an answer: it may still be applied.
    /// </summary>
    private DirectoryResponse Answer(LdapConnection connection, DirectoryRequest request)
    {
        var limit = Timeouts.Operation;
        var sending = Task.Run(() => connection.SendRequest(request, limit));
        if (!((IAsyncResult)sending).AsyncWaitHandle.WaitOne(limit + TimeSpan.FromMilliseconds(250)))
        {
            if (ReferenceEquals(_connection, connection))
                _connection = null; // abandoned with its thread: the next attempt opens a new connection
            throw new OperationTimedOut($"{_endpoint} did not answer within {limit.TotalSeconds:0.#} s ({DirectoryTimeouts.OperationVariable} sets the limit)");
        }
        return sending.GetAwaiter().GetResult();
    }

    /// <summary>A request that got no answer in time: sent, outcome unknown. Retried like a lost connection.</summary>
    private sealed class OperationTimedOut(string message) : LdapException(85, message);

    /// <param name="write">A write (or a read that must see the writer: a durable write's CSN): only ever sent to the
    /// session's writer. A read goes to the current server, or to the next of the list that answers.</param>
    private T Execute<T>(Func<LdapConnection, T> operation, string? dn = null, bool write = false) =>
        _retry.Execute(() =>
        {
            try
            {
                if (_connection is not null && write && _writer is not null && _endpoint != _writer)
                    Reset(); // reads had moved to another server: writes go back to the writer, or fail
                if (_connection is null)
                {
                    _connection = Connect(write);
                    Connections++;
                }
                return operation(_connection);
            }
            catch (LdapException e)
            {
                if (e is not OperationTimedOut)
                    Reset(); // poisoned: libldap may have reconnected without re-binding
                throw Translate(e, dn);
            }
            catch (DirectoryOperationException e)
            {
                throw Translate(e, dn);
            }
        });

    // 81 server down, 85 timeout, 91 connect error become DirectoryUnavailableException (transient); 49 bad
    // credentials is the directory refusing, not being away.
    private DirectoryException Translate(Exception e, string? dn) =>
        e is LdapException { ErrorCode: 49 } bad
            ? new DirectoryRefusedException(DirectoryResult.InvalidCredentials, $"The directory at {_endpoint} refused the account's credentials ({bad.Message}).", e)
            : DirectoryErrors.Translate(e, _endpoint.Url, dn);

    /// <summary>
    /// Opens a connection: for a write, to the session's writer only; for a read (or the session's first connection),
    /// to the current server, else the next of the -DomainController list that answers. The first server that answers
    /// the session becomes its writer for good.
    /// </summary>
    private LdapConnection Connect(bool write)
    {
        if (write && _writer is not null)
        {
            _endpoint = _writer;
            return DirectoryConnectionFactory.Open(_writer, _credential, _timeouts?.Connect);
        }
        var candidates = _endpoints.OrderBy(e => e == _endpoint ? 0 : 1).ToList(); // stable: the list's order after the current one
        for (var i = 0; ; i++)
        {
            try
            {
                var connection = DirectoryConnectionFactory.Open(candidates[i], _credential, _timeouts?.Connect);
                _endpoint = candidates[i];
                _writer ??= candidates[i];
                return connection;
            }
            catch (LdapException e) when (i + 1 < candidates.Count && e.ErrorCode is 81 or 85 or 91)
            {
                // this one does not answer: a read may go to the next
            }
        }
    }

    private void Reset()
    {
        _connection?.Dispose();
        _connection = null;
    }

    public void Dispose()
    {
        Reset();
        _mirrors?.Dispose();
    }
}
