using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.PowerShell.Hosting;

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

    private static readonly ConcurrentDictionary<(Guid Runspace, string Target), Entry> Sessions = new();

    public static ExchangeDirectory For(PSCmdlet cmdlet, string? domainController, PSCredential? credential)
    {
        var entry = Get(domainController, credential, cmdlet.SessionState.PSVariable.GetValue(DataVariable) as string);
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
            return Runspace.DefaultRunspace?.SessionStateProxy.GetVariable(DataVariable) as string;
        }
        catch (PSInvalidOperationException)
        {
            return null; // the runspace is busy: completion falls back to the environment
        }
    }

    private static Entry Get(string? domainController, PSCredential? credential, string? sessionData)
    {
        var runspace = Runspace.DefaultRunspace;
        var data = sessionData ?? Environment.GetEnvironmentVariable(DirectoryTarget.DataVariable);
        var key = (runspace?.InstanceId ?? Guid.Empty, $"{domainController}|{credential?.UserName}|{data}".ToLowerInvariant());
        var entry = Sessions.GetOrAdd(key, _ =>
        {
            var bind = credential is null ? null : new DirectoryCredential(credential.UserName, credential.GetNetworkCredential().Password);
            var (endpoint, resolved) = DirectoryTarget.Resolve(domainController, data, bind);
            if (runspace is not null)
                runspace.StateChanged += (_, e) => { if (e.RunspaceStateInfo.State is RunspaceState.Closed or RunspaceState.Broken) Close(key); };
            return new Entry(ExchangeDirectory.Connect(endpoint, resolved));
        });
        return entry;
    }

    /// <summary>The sessions of a runspace: casdir reports their searches and writes, and what was written before a failure.</summary>
    public static IReadOnlyList<ExchangeDirectory> Of(Runspace runspace) =>
        Sessions.Where(s => s.Key.Runspace == runspace.InstanceId).Select(s => s.Value.Directory).ToList();

    private static void Close((Guid, string) key)
    {
        if (Sessions.TryRemove(key, out var entry))
            entry.Directory.Dispose();
    }
}
