using System.DirectoryServices.Protocols;
using Polly;
using Polly.Retry;

namespace CasDirectory.Ldap.Connection;

/// <summary>
/// One bound connection used for a whole casdir run (a command or a script), following "The LDAP client on Linux" in docs/rules.md:
/// bound explicitly before use; any LdapException poisons it, so it is disposed and the next call opens
/// a new one; transient failures (server down, timeout, connect error, busy, unavailable) are retried
/// with exponential backoff; searches page sequentially, never two at once on the connection.
/// Counts its operations so commands and benchmarks can show how many searches they made.
/// </summary>
public sealed class DirectorySession : IDisposable
{
    private const int PageSize = 1000;
    private readonly DirectoryEndpoint _endpoint;
    private readonly DirectoryCredential? _credential;
    private readonly ResiliencePipeline _retry;
    private LdapConnection? _connection;

    public DirectorySession(DirectoryEndpoint endpoint, DirectoryCredential? credential, int maxRetries = 4)
    {
        _endpoint = endpoint;
        _credential = credential;
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<LdapException>(IsTransient).Handle<DirectoryOperationException>(IsTransient),
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                UseJitter = true,
            })
            .Build();
    }

    public DirectoryEndpoint Endpoint => _endpoint;
    public int Searches { get; private set; }
    public int Writes { get; private set; }

    /// <summary>What this session has written, one line per successful write ("added CN=…"), so a run that fails
    /// midway can say exactly what it had already changed.</summary>
    public IReadOnlyList<string> Written => _written;
    private readonly List<string> _written = [];

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
                    response = (SearchResponse)connection.SendRequest(request);
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

    public DirectoryResponse Send(DirectoryRequest request)
    {
        Writes++;
        var response = Execute(connection => connection.SendRequest(request));
        _written.Add(request switch
        {
            AddRequest add => "added " + add.DistinguishedName,
            DeleteRequest delete => "deleted " + delete.DistinguishedName,
            ModifyDNRequest rename => $"renamed {rename.DistinguishedName} to {rename.NewName}",
            ModifyRequest modify => "modified " + modify.DistinguishedName,
            _ => request.GetType().Name,
        });
        return response;
    }

    /// <summary>Adds an entry; with <paramref name="postRead"/>, returns those attributes of the new entry (RFC 4527).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Add(string dn, IEnumerable<(string Name, IReadOnlyList<string> Values)> attributes, params string[] postRead)
    {
        var request = new AddRequest(dn);
        foreach (var (name, values) in attributes.Where(a => a.Values.Count > 0))
            request.Attributes.Add(new DirectoryAttribute(name, values.Cast<object>().ToArray()));
        if (postRead.Length > 0)
            request.Controls.Add(PostReadControl.Request(postRead));
        return PostReadControl.Read(Send(request));
    }

    public void Replace(string dn, string attribute, params string[] values)
    {
        var modification = new DirectoryAttributeModification { Name = attribute, Operation = DirectoryAttributeOperation.Replace };
        foreach (var value in values)
            modification.Add(value);
        Send(new ModifyRequest(dn, modification));
    }

    public void Delete(string dn) => Send(new DeleteRequest(dn));

    private T Execute<T>(Func<LdapConnection, T> operation) =>
        _retry.Execute(() =>
        {
            try
            {
                return operation(_connection ??= DirectoryConnectionFactory.Open(_endpoint, _credential));
            }
            catch (LdapException)
            {
                Reset(); // poisoned: libldap may have reconnected without re-binding
                throw;
            }
        });

    // 81 server down, 85 timeout, 91 connect error: worth another try; 49 bad credentials and the rest are not.
    private static bool IsTransient(LdapException e) => e is not DirectoryUnresponsiveException && e.ErrorCode is 81 or 85 or 91 or 51 or 52;

    private static bool IsTransient(DirectoryOperationException e) =>
        e.Response?.ResultCode is ResultCode.Busy or ResultCode.Unavailable;

    private void Reset()
    {
        _connection?.Dispose();
        _connection = null;
    }

    public void Dispose() => Reset();
}
