using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.PowerShell.Sessions;

/// <summary>
/// One directory session per runspace and target, opened on first use and closed with the runspace. What it has
/// read is kept for one top-level command (a line typed, a one-liner, a whole script) and forgotten before the
/// next, so a script of thousands of lines reads each collection once while an interactive shell never shows
/// stale objects.
/// </summary>
public static class DirectoryConnections
{
    private sealed class Entry(ExchangeDirectory directory)
    {
        public ExchangeDirectory Directory { get; } = directory;
        public long HistoryId { get; set; } = long.MinValue;
    }

    /// <summary>A session variable naming the local directory to use before $env:CASDIR_DATA (casdir --data sets it).</summary>
    public const string DataVariable = "CasDirectoryData";

    private static readonly ConcurrentDictionary<(Guid Runspace, string Target), Lazy<Entry>> Sessions = new();

    /// <summary>
    /// Starts connecting to the default target (the local directory of <paramref name="data"/> or $env:CASDIR_DATA,
    /// as the provisioning account) in the background while a host opens its runspace: a one-line command then
    /// finds its session bound. A failure is not reported here but by the first cmdlet that needs the session.
    /// </summary>
    public static void Prepare(Runspace runspace, string? data)
    {
        var (key, lazy) = Entry_(runspace, null, null, data);
        _ = Task.Run(() =>
        {
            try { _ = lazy.Value; }
            catch (Exception) { Sessions.TryRemove(new KeyValuePair<(Guid, string), Lazy<Entry>>(key, lazy)); }
        });
    }

    public static ExchangeDirectory For(PSCmdlet cmdlet, string? domainController, PSCredential? credential, bool startTls = false, bool allowInsecureBind = false, bool durable = false)
    {
        var entry = Get(domainController, credential, cmdlet.SessionState.PSVariable.GetValue(DataVariable) as string, startTls, allowInsecureBind, durable);
        var historyId = cmdlet.MyInvocation.HistoryId;
        if (entry.HistoryId != historyId)
        {
            entry.Directory.ForgetReads();
            entry.HistoryId = historyId;
        }
        return entry.Directory;
    }

    /// <summary>For tab completion: the same session, read afresh (completion runs between commands).</summary>
    public static ExchangeDirectory ForCompletion(string? domainController, PSCredential? credential)
    {
        var entry = Get(domainController, credential, SessionData());
        entry.Directory.ForgetReads();
        entry.HistoryId = long.MinValue;
        return entry.Directory;
    }

    private static string? SessionData()
    {
        try
        {
            // Completion runs inside the pipeline that asked for it (TabExpansion2), on its thread: read the variable there.
            return ScriptBlock.Create($"$global:{DataVariable}").Invoke().FirstOrDefault()?.BaseObject as string;
        }
        catch (Exception e) when (e is PSInvalidOperationException or RuntimeException)
        {
            return null; // no engine on this thread: fall back to the environment
        }
    }

    private static Entry Get(string? domainController, PSCredential? credential, string? sessionData, bool startTls = false, bool allowInsecureBind = false, bool durable = false)
    {
        var (key, lazy) = Entry_(Runspace.DefaultRunspace, domainController, credential, sessionData, startTls, allowInsecureBind, durable);
        try
        {
            return lazy.Value;
        }
        catch (Exception)
        {
            Sessions.TryRemove(new KeyValuePair<(Guid, string), Lazy<Entry>>(key, lazy)); // the next command tries again
            throw;
        }
    }

    private static ((Guid, string) Key, Lazy<Entry> Entry) Entry_(Runspace? runspace, string? domainController, PSCredential? credential, string? sessionData,
        bool startTls = false, bool allowInsecureBind = false, bool durable = false)
    {
        var data = sessionData ?? Environment.GetEnvironmentVariable(DirectoryTarget.DataVariable);
        // A durable session is a session of its own (it polls the mirrors after each write); CASDIR_DURABLE makes every one durable.
        var key = (runspace?.InstanceId ?? Guid.Empty, $"{domainController}|{credential?.UserName}|{data}|{startTls}|{allowInsecureBind}|{durable}".ToLowerInvariant());
        var lazy = Sessions.GetOrAdd(key, _ => new Lazy<Entry>(() =>
        {
            var bind = credential is null ? null : new DirectoryCredential(credential.UserName, credential.GetNetworkCredential().Password);
            var (endpoint, resolved) = DirectoryTarget.Resolve(domainController, data, bind, startTls: startTls, allowInsecureBind: allowInsecureBind, durable: durable);
            var entry = new Entry(ExchangeDirectory.Connect(endpoint, resolved));
            if (runspace is not null)
                runspace.StateChanged += (_, e) => { if (e.RunspaceStateInfo.State is RunspaceState.Closed or RunspaceState.Broken) Close(key); };
            return entry;
        }));
        return (key, lazy);
    }

    /// <summary>The sessions of a runspace: casdir reports their searches and writes, and what was written before a failure.</summary>
    public static IReadOnlyList<ExchangeDirectory> Of(Runspace runspace) =>
        Sessions.Where(s => s.Key.Runspace == runspace.InstanceId && s.Value.IsValueCreated).Select(s => s.Value.Value.Directory).ToList();

    private static void Close((Guid, string) key)
    {
        if (Sessions.TryRemove(key, out var entry) && entry.IsValueCreated)
            entry.Value.Directory.Dispose();
    }
}
