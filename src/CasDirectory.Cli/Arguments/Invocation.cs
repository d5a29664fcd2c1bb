using CasDirectory.Cli.Engine;

namespace CasDirectory.Cli.Arguments;

/// <summary>What a casdir command line asks for, as <see cref="CommandLine.Parse"/> reads it: one typed result per verb
/// (anything that is no verb of casdir's is a PowerShell line or script: <see cref="EngineArguments"/>).</summary>
public abstract record Invocation;

/// <summary>casdir --help (Verb null) or casdir VERB --help.</summary>
public sealed record HelpArguments(string? Verb) : Invocation;

/// <summary>casdir --version.</summary>
public sealed record VersionArguments : Invocation;

/// <summary>casdir module-path: the module manifest's path, for Import-Module in pwsh.</summary>
public sealed record ModulePathArguments : Invocation;

/// <summary>casdir schema-ldif, schema-partition, help-maml: generated files printed to standard output.</summary>
public sealed record GeneratedFileArguments(GeneratedFile File) : Invocation;

public enum GeneratedFile { SchemaLdif, SchemaPartition, HelpMaml }

/// <summary>casdir up: the folder (from --data or CASDIR_DATA) and what a new directory is made with.</summary>
public sealed record UpArguments(string Data, int? Port, string? Sample, string? Domain, string? Organization, IReadOnlyList<string> HostNames,
    string? MirrorOf = null, IReadOnlyList<string>? ConsumerOf = null) : Invocation;

/// <summary>casdir down.</summary>
public sealed record DownArguments(string Data) : Invocation;

/// <summary>casdir status; Json for -Format json.</summary>
public sealed record StatusArguments(string Data, bool Json) : Invocation;

/// <summary>casdir repair-accesslog.</summary>
public sealed record RepairAccessLogArguments(string Data) : Invocation;

/// <summary>
/// casdir serve: the shorthands it takes (--data, -DomainController, --log-format, --log-file) and the host's
/// configuration arguments, in order, with the shorthands (and CASDIR_DOMAIN_CONTROLLER or CASDIR_DATA when neither
/// names the directory) written as settings (--SiteTopology:DataDirectory=…).
/// </summary>
public sealed record ServeArguments(string? Data, string? DomainController, string? LogFormat, string? LogFile, IReadOnlyList<string> Configuration) : Invocation;

/// <summary>casdir shell: --data, and what the PowerShell console takes (-Command '…', …), passed on as given.</summary>
public sealed record ShellArguments(string? Data, IReadOnlyList<string> ConsoleArguments) : Invocation;
