using System.CommandLine;
using CasDirectory.Cli.Output;

namespace CasDirectory.Cli.Cmdlets;

/// <summary>The parameters every cmdlet takes, as in the Exchange shell, plus casdir's own target and format.</summary>
public sealed class CommonParameters
{
    public Option<bool> WhatIf { get; } = new("--whatif") { Description = "Say what would be written; write nothing." };
    public Option<bool?> Confirm { get; } = new("--confirm") { Description = "-Confirm:$false skips the confirmation a removal asks for.", Arity = ArgumentArity.ZeroOrOne };
    public Option<string?> DomainController { get; } = new("--domaincontroller") { Description = "ldap://host:port of the directory (credentials from CASDIR_BIND_DN and CASDIR_BIND_PASSWORD_FILE).", HelpName = "URL" };
    public Option<string?> Data { get; } = new("--data") { Description = "Folder of a local directory made by 'casdir up' (default: $CASDIR_DATA).", HelpName = "DIR" };
    public Option<string?> Format { get; } = new("--format") { Description = "table (default), list, json or csv.", HelpName = "FORMAT" };
    public Option<string?> ErrorAction { get; } = new("--erroraction") { Description = "Continue: in a script, go on after an error.", HelpName = "ACTION" };
    public Option<bool> Stats { get; } = new("--stats") { Description = "Print how many LDAP searches and writes the command made." };

    public IEnumerable<Option> All => [WhatIf, Confirm, DomainController, Data, Format, ErrorAction, Stats];
}
