using System.CommandLine;
using CasDirectory.Ldap.Local;

namespace CasDirectory.Cli.Commands;

/// <summary>casdir up / down / status: a local slapd with the CasDirectory schema, for labs and tests.</summary>
public static class LocalDirectoryCommands
{
    public static Command Up()
    {
        var data = DataDirectoryOption.Create();
        var port = new Option<int?>("--port") { Description = $"TCP port on 127.0.0.1 (default {LocalDirectoryOptions.DefaultPort}, or the next free one).", HelpName = "N" };
        var sample = new Option<string?>("--sample") { Description = "Load a sample organisation when the directory is created: lab.", HelpName = "NAME" };
        var domain = new Option<string?>("--domain") { Description = "AD domain of a new directory (default lab.local).", HelpName = "D" };
        var org = new Option<string?>("--org") { Description = "Exchange organisation of a new directory (default First Organization).", HelpName = "O" };
        var hostname = new Option<string[]>("--hostname")
        {
            Description = "A name slapd's certificate carries besides localhost, 127.0.0.1 and ::1 (repeatable; a running certificate is re-issued to add it).",
            HelpName = "NAME", AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("up", "Start the local directory in DIR, creating it first if DIR is new or empty.") { data, port, sample, domain, org, hostname };
        command.SetAction(result =>
        {
            var (outcome, status) = LocalDirectory.Up(new LocalDirectoryOptions
            {
                DataDirectory = DataDirectoryOption.Resolve(result, data),
                Port = result.GetValue(port),
                Sample = result.GetValue(sample),
                Domain = result.GetValue(domain),
                Organization = result.GetValue(org),
                HostNames = HostNames(result.GetValue(hostname) ?? []),
            });
            var state = status.State;
            Console.WriteLine(outcome switch
            {
                LocalDirectory.UpOutcome.Created =>
                    $"Created the directory for {state.Domain} ({state.Organization}){(state.Sample is null ? "" : $" with sample '{state.Sample}'")} in {status.DataDirectory}.",
                LocalDirectory.UpOutcome.Started => $"Started the directory in {status.DataDirectory}.",
                _ => $"The directory in {status.DataDirectory} is already running.",
            });
            Console.WriteLine($"URL: {state.Url}");
            if (state.LdapsUrl is not null)
                Console.WriteLine($"LDAPS: {state.LdapsUrl}  (CA: {state.CaFile}; StartTLS on the plain port too)");
            if (!LocalDirectory.HasGuard(status.DataDirectory))
                Console.Error.WriteLine($"casdir: warning: {status.DataDirectory} was created by an older casdir: its slapd runs without casdir-guard " +
                    $"(the Relax, move, delete and value checks of README's \"What the directory enforces itself\"). To have them, recreate it: " +
                    $"casdir down --data {status.DataDirectory} && rm -rf {status.DataDirectory} && casdir up --data {status.DataDirectory}");
            PrintAccounts(state);
            var reader = state.Accounts[DirectoryAccounts.Reader];
            Console.WriteLine();
            Console.WriteLine("Browse it:");
            Console.WriteLine($"  ldapsearch -H {state.Url} -x -D \"{reader.Dn}\" -y {reader.PasswordFile} \\");
            Console.WriteLine($"    -b \"{state.ConfigurationDn}\" \"(objectClass=msExchExchangeServer)\" msExchServerSite");
            Console.WriteLine($"Stop it:  casdir down --data {status.DataDirectory}");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Down()
    {
        var data = DataDirectoryOption.Create();
        var command = new Command("down", "Stop the local directory in DIR (its data stays; 'up' starts it again).") { data };
        command.SetAction(result =>
        {
            var folder = DataDirectoryOption.Resolve(result, data);
            Console.WriteLine(LocalDirectory.Down(folder)
                ? $"Stopped the directory in {Path.GetFullPath(folder)}."
                : $"The directory in {Path.GetFullPath(folder)} was not running.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static IReadOnlyList<string> HostNames(string[] names)
    {
        foreach (var name in names)
            if (!Core.Naming.Fqdn.IsValid(name) && Uri.CheckHostName(name) != UriHostNameType.Dns)
                throw new UsageException($"--hostname '{name}' is not a DNS name such as ldap.lab.local.");
        return names;
    }

    public static Command RepairAccessLog()
    {
        var data = DataDirectoryOption.Create();
        var command = new Command("repair-accesslog",
            "Recreate an unreadable cn=accesslog (the change log only): stops slapd, removes the log's files, starts it with an empty log.") { data };
        command.SetAction(result =>
        {
            var status = LocalDirectory.RepairAccessLog(DataDirectoryOption.Resolve(result, data));
            Console.WriteLine($"Recreated the access log of {status.DataDirectory}; the directory runs at {status.State.Url}. " +
                              "A running casdir serve reconciles in full when it reconnects and follows the new log.");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Status()
    {
        var data = DataDirectoryOption.Create();
        var format = new Option<string>("--format") { Description = "text (default) or json, for programs.", HelpName = "FORMAT", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("status", "Say whether the local directory in DIR runs and where; exit code 0 if it runs and answers, 1 if not.") { data, format };
        command.SetAction(result =>
        {
            var status = LocalDirectory.Status(DataDirectoryOption.Resolve(result, data));
            if (string.Equals(result.GetValue(format), "json", StringComparison.OrdinalIgnoreCase))
            {
                Console.WriteLine(status.ToJson());
            }
            else
            {
                Console.WriteLine(status switch
                {
                    { Running: true } => $"running  {status.State.Url}  (pid {status.ProcessId})",
                    { ProcessId: { } pid } => $"not answering  slapd (pid {pid}) serves this folder but does not answer at {status.State.Url}; " +
                                             $"see {Path.Combine(status.DataDirectory, "slapd", "slapd.log")}, or stop it with casdir down",
                    _ => $"stopped  (listens at {status.State.Url} when running)",
                });
                if (status.PidFileIsStale)
                    Console.WriteLine($"note     slapd/slapd.pid is missing or names another process; slapd {status.ProcessId} was found by its command line");
                if (status.State.LdapsUrl is not null)
                    Console.WriteLine($"ldaps    {status.State.LdapsUrl}  (CA {status.State.CaFile})");
                Console.WriteLine($"folder   {status.DataDirectory}");
                Console.WriteLine($"domain   {status.State.Domain}  organisation {status.State.Organization}  configuration {status.State.ConfigurationDn}");
                PrintAccounts(status.State);
            }
            return status.Running ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }

    private static void PrintAccounts(LocalDirectoryState state)
    {
        Console.WriteLine("Accounts (DN, password file):");
        foreach (var (name, account) in state.Accounts)
            Console.WriteLine($"  {name,-13} {account.Dn}  {account.PasswordFile}");
    }
}
