using System.CommandLine;

namespace CasDirectory.Cli.Commands;

/// <summary>--data DIR, falling back to CASDIR_DATA: how every command finds the local directory.</summary>
public static class DataDirectoryOption
{
    public const string EnvironmentVariable = Ldap.Connection.DirectoryTarget.DataVariable;

    public static Option<string> Create() => new("--data")
    {
        Description = $"Folder of the local directory (default: ${EnvironmentVariable}).",
        HelpName = "DIR",
    };

    public static string Resolve(ParseResult result, Option<string> option) =>
        result.GetValue(option) is { Length: > 0 } given ? given
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : throw new UsageException($"No directory given: pass --data DIR or set {EnvironmentVariable}.");
}
