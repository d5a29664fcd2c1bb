using System.Diagnostics;
using CasDirectory.Ldap.Errors;

namespace CasDirectory.Ldap.Connection;

/// <summary>
/// Waits, after a write, until every mirror's contextCSN of the written naming context reaches the write's CSN (per
/// serverID), or the durable timeout passes. One session per mirror, opened on first use, without retries: the wait
/// itself is the retry, and it never outlasts the timeout by more than one poll.
/// </summary>
internal sealed class MirrorWatch(DurableWrites durable, DirectoryCredential? credential) : IDisposable
{
    private static readonly TimeSpan PollLimit = TimeSpan.FromSeconds(1);
    private readonly Dictionary<DirectoryEndpoint, DirectorySession> _sessions = [];

    /// <summary>Returns once every mirror holds <paramref name="wanted"/>; otherwise throws <see cref="DirectoryNotDurableException"/>.</summary>
    public void WaitFor(string namingContext, IReadOnlyDictionary<int, ChangeSequenceNumber> wanted, string written, DirectoryEndpoint writer)
    {
        var clock = Stopwatch.StartNew();
        foreach (var mirror in durable.Mirrors)
        {
            if (mirror.ServerId is { } sid && wanted.Keys.All(k => k == sid) || mirror.Host == writer.Host && mirror.Port == writer.Port)
                continue; // the server that made the write (through a front end, its CSN says which): it holds it
            var pause = TimeSpan.FromMilliseconds(1);
            string? problem = null;
            while (true)
            {
                var remaining = durable.Timeout - clock.Elapsed;
                if (remaining <= TimeSpan.Zero)
                    throw new DirectoryNotDurableException(
                        $"The write ({written}) IS on the writer {Describe(writer, wanted)} but not yet on the mirror {mirror}: {problem ?? "it did not catch up"} " +
                        $"within {durable.Timeout.TotalSeconds:0.#} s ({DurableWrites.TimeoutVariable} sets the wait). Replication will bring it there " +
                        "while the writer lives; if the writer dies first, it is lost. Re-read before writing it again.");
                try
                {
                    var held = ContextCsn(mirror, namingContext, remaining);
                    if (ChangeSequenceNumber.Covers(held, wanted))
                        break;
                    problem = $"it holds {Show(held)}, the write is {Show(wanted)}";
                }
                catch (DirectoryUnavailableException)
                {
                    Drop(mirror);
                    problem = "it did not answer";
                }
                catch (DirectoryException e)
                {
                    Drop(mirror);
                    problem = $"reading its contextCSN failed ({e.Message.TrimEnd('.')})";
                }
                Thread.Sleep(pause < remaining ? pause : remaining);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 50));
            }
        }
    }

    private IReadOnlyDictionary<int, ChangeSequenceNumber> ContextCsn(DirectoryEndpoint mirror, string namingContext, TimeSpan remaining)
    {
        if (!_sessions.TryGetValue(mirror, out var session))
        {
            // Each poll is capped (1 s, or what is left of the wait): a stopped mirror (SIGSTOP) must not hold the
            // command much past the timeout.
            var limit = remaining < PollLimit ? remaining : PollLimit;
            _sessions[mirror] = session = new DirectorySession(mirror with { Durable = null, Alternates = [] }, credential, maxRetries: 0, new DirectoryTimeouts(limit, limit));
        }
        var entry = session.Read(namingContext, "contextCSN");
        return ChangeSequenceNumber.ByServer(entry?.Attributes["contextCSN"]?.GetValues(typeof(string)).Cast<string>() ?? []);
    }

    private void Drop(DirectoryEndpoint mirror)
    {
        if (_sessions.Remove(mirror, out var session))
            session.Dispose();
    }

    /// <summary>The writer as the client reached it, and, through a front end, the provider behind it (the CSN's serverID).</summary>
    private string Describe(DirectoryEndpoint writer, IReadOnlyDictionary<int, ChangeSequenceNumber> wanted) =>
        wanted.Count == 1 && durable.Mirrors.FirstOrDefault(m => m.ServerId == wanted.Keys.First()) is { } provider
                          && (provider.Host != writer.Host || provider.Port != writer.Port)
            ? $"{writer} (the provider {provider}, serverID {provider.ServerId})"
            : writer.ToString();

    private static string Show(IReadOnlyDictionary<int, ChangeSequenceNumber> csns) =>
        csns.Count == 0 ? "no contextCSN" : string.Join(", ", csns.OrderBy(c => c.Key).Select(c => c.Value.Text));

    public void Dispose()
    {
        foreach (var session in _sessions.Values)
            session.Dispose();
        _sessions.Clear();
    }
}

/// <summary>A durable write that the writer applied and the mirror did not show within the timeout. Not transient:
/// retrying the write would apply it twice.</summary>
public sealed class DirectoryNotDurableException(string message) : DirectoryException(message)
{
    public override bool IsTransient => false;
}
