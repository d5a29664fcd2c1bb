using CasDirectory.Cli.Arguments;
using CasDirectory.Ldap.Local;

namespace CasDirectory.Cli.Commands;

/// <summary>casdir up / down / status: a local slapd with the CasDirectory schema, for labs and tests.</summary>
public static class LocalDirectoryCommands
{
    public static int Up(UpArguments arguments)
    {
        var (outcome, status) = LocalDirectory.Up(new LocalDirectoryOptions
        {
            DataDirectory = arguments.Data,
            Port = arguments.Port,
            Sample = arguments.Sample,
            Domain = arguments.Domain,
            Organization = arguments.Organization,
            HostNames = arguments.HostNames,
            MirrorOf = arguments.MirrorOf,
            ConsumerOf = arguments.ConsumerOf ?? [],
            Notice = message => Console.Error.WriteLine("casdir: " + message),
        });
        var state = status.State;
        Console.WriteLine(outcome switch
        {
            LocalDirectory.UpOutcome.Created =>
                $"Created the directory for {state.Domain} ({state.Organization}){(state.Sample is null ? "" : $" with sample '{state.Sample}'")} in {status.DataDirectory}.",
            LocalDirectory.UpOutcome.Started => $"Started the directory in {status.DataDirectory}.",
            _ => $"The directory in {status.DataDirectory} is already running.",
        });
        if (state.EffectiveRole != ReplicaRole.Standalone)
            Console.WriteLine($"Replication: {state.EffectiveRole}, serverID {state.EffectiveServerId}; peers: " +
                string.Join(", ", state.KnownPeers.Select(p => $"{p.Role} {p.ServerId} {p.Url} ({p.DataDirectory})")));
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
    }

    public static int Down(DownArguments arguments)
    {
        Console.WriteLine(LocalDirectory.Down(arguments.Data)
            ? $"Stopped the directory in {Path.GetFullPath(arguments.Data)}."
            : $"The directory in {Path.GetFullPath(arguments.Data)} was not running.");
        return ExitCodes.Success;
    }

    public static int RepairAccessLog(RepairAccessLogArguments arguments)
    {
        var status = LocalDirectory.RepairAccessLog(arguments.Data);
        Console.WriteLine($"Recreated the access log of {status.DataDirectory}; the directory runs at {status.State.Url}. " +
                          "A running casdir serve reconciles in full when it reconnects and follows the new log.");
        return ExitCodes.Success;
    }

    public static int Status(StatusArguments arguments)
    {
        var status = LocalDirectory.Status(arguments.Data);
        status = status with { Replication = ReplicationReport.For(status) };
        if (arguments.Json)
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
            PrintReplication(status);
        }
        return status.Running ? ExitCodes.Success : ExitCodes.Failed;
    }

    /// <summary>Each server of the directory: this one and the peers casdir.json records (docs/replication.md).</summary>
    private static void PrintReplication(LocalDirectoryStatus status)
    {
        Console.WriteLine($"role     {status.State.EffectiveRole}  serverID {status.State.EffectiveServerId}");
        if (status.Replication is not { } replication || status.State.KnownPeers.Count == 0)
            return;
        Console.WriteLine("Servers (url, role, serverID, answering, lag; contextCSN per replicated database):");
        foreach (var server in replication.Servers)
        {
            Console.WriteLine($"  {server.Url,-24} {server.Role,-10} {server.ServerId,3}  {(server.Answering ? "answering" : "not answering"),-13} {server.LagText}{(server.Self ? "  (this folder)" : "")}");
            Console.WriteLine($"    folder {server.DataDirectory}");
            foreach (var (suffix, csns) in server.ContextCsn)
                Console.WriteLine($"    {suffix}: {(csns.Count == 0 ? "-" : string.Join(" ", csns))}");
        }
    }

    private static void PrintAccounts(LocalDirectoryState state)
    {
        Console.WriteLine("Accounts (DN, password file):");
        foreach (var (name, account) in state.Accounts)
            Console.WriteLine($"  {name,-13} {account.Dn}  {account.PasswordFile}");
    }
}
