using System.CommandLine;
using CasDirectory.Cli.Output;
using CasDirectory.Cli.Shell;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.Cli.Cmdlets;

/// <summary>One invocation of a cmdlet: its parsed parameters, the host, and the shell's WhatIf/Confirm behaviour.</summary>
public sealed class CmdletCall(ParseResult result, CmdletHost host, CommonParameters common, string verb)
{
    private ExchangeDirectory? _directory;

    public CmdletHost Host { get; } = host;
    public string Verb { get; } = verb;

    public T? Get<T>(Option<T> option) => result.GetValue(option);
    public T? Get<T>(Argument<T> argument) => result.GetValue(argument);
    public bool Given(Option option) => result.GetResult(option) is not null;
    public string? Get((Argument<string?> Positional, Option<string?> Named) identity) => Get(identity.Named) ?? Get(identity.Positional);

    public ExchangeDirectory Directory => _directory ??= Host.Directory(Get(common.DomainController), Get(common.Data));

    public bool WhatIf => Get(common.WhatIf);

    /// <summary>Writes go ahead unless -WhatIf, which says instead what would be done.</summary>
    public bool ShouldProcess(string action)
    {
        if (!WhatIf)
            return true;
        Host.Output.WriteLine($"What if: {action}.");
        return false;
    }

    /// <summary>Removals: -WhatIf says what would happen; otherwise they ask unless -Confirm:$false.</summary>
    public bool ShouldRemove(string action)
    {
        if (!ShouldProcess(action))
            return false;
        if (Get(common.Confirm) == false)
            return true;
        return Host.Confirm(action);
    }

    public void Write(OutputRecord record) => Host.Results.Add(record);
    public void Write(IEnumerable<OutputRecord> records) => Host.Results.AddRange(records);
    public void Warn(string message) => Host.Warn(message);

    /// <summary>Identities to act on: the one given, or those of the objects piped in.</summary>
    public IReadOnlyList<string> Identities(string? given)
    {
        if (given is not null)
            return [given];
        if (Host.PipelineInput is { Count: > 0 } piped)
            return piped.Select(r => r.Identity).ToList();
        throw new Core.DomainRuleException($"{Verb} needs -Identity (or objects piped in from a Get- cmdlet).", isMalformedInput: true);
    }
}
