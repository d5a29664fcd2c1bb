using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using CasDirectory.Core.Naming;
using CasDirectory.Ldap.Exchange;
using CasDirectory.PowerShell.Errors;
using CasDirectory.PowerShell.Sessions;

namespace CasDirectory.PowerShell.Completion;

/// <summary>
/// Tab completion from the directory: the names that exist, read through the runspace's session for the
/// -DomainController already typed. A directory that cannot be read completes nothing rather than fail.
/// </summary>
public abstract class DirectoryNameCompleter : IArgumentCompleter
{
    protected abstract IEnumerable<string> Names(ExchangeDirectory directory);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var typed = wordToComplete.Trim('\'', '"');
        List<string> names;
        try
        {
            var directory = DirectoryConnections.ForCompletion(fakeBoundParameters["DomainController"]?.ToString(), fakeBoundParameters["Credential"] as PSCredential);
            names = Names(directory).Where(n => n.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).Order(ObjectName.Comparer).ToList();
        }
        catch (Exception)
        {
            return []; // completion must never break the line being typed
        }
        return names.Select(n => new CompletionResult(n.Any(c => char.IsWhiteSpace(c) || c is '\'' or '(' or ')' or ',') ? $"'{n.Replace("'", "''")}'" : n, n, CompletionResultType.ParameterValue, n));
    }
}

/// <summary>AD site names (-Site).</summary>
public sealed class SiteNameCompleter : DirectoryNameCompleter
{
    protected override IEnumerable<string> Names(ExchangeDirectory directory) => directory.ReadSites();
}

/// <summary>Exchange server names (-Identity of server cmdlets, -Server, -MailboxServer).</summary>
public sealed class ServerNameCompleter : DirectoryNameCompleter
{
    protected override IEnumerable<string> Names(ExchangeDirectory directory) => directory.ReadServersAndArrays().Servers.Select(s => s.Name);
}

/// <summary>Client Access array names.</summary>
public sealed class ArrayNameCompleter : DirectoryNameCompleter
{
    protected override IEnumerable<string> Names(ExchangeDirectory directory) => directory.ReadServersAndArrays().Arrays.Select(a => a.Name);
}

/// <summary>Database names.</summary>
public sealed class DatabaseNameCompleter : DirectoryNameCompleter
{
    protected override IEnumerable<string> Names(ExchangeDirectory directory) => directory.ReadDatabases().Select(d => d.Name);
}

/// <summary>What -RpcClientAccessServer takes: array FQDNs and the FQDNs of Exchange 2010 Client Access servers.</summary>
public sealed class RpcClientAccessServerCompleter : DirectoryNameCompleter
{
    protected override IEnumerable<string> Names(ExchangeDirectory directory)
    {
        var topology = directory.ReadServersAndArrays();
        return topology.Arrays.Select(a => a.Fqdn).Concat(topology.Servers.Where(s => s.IsRpcClientAccessServer).Select(s => s.Fqdn ?? s.Name));
    }
}

/// <summary>Mailbox names (-Identity of the mailbox and move-request cmdlets).</summary>
public sealed class MailboxNameCompleter : DirectoryNameCompleter
{
    protected override IEnumerable<string> Names(ExchangeDirectory directory) => directory.ReadMailboxes().Select(m => m.Name);
}
