namespace CasDirectory.Cli.Arguments;

/// <summary>
/// casdir's --durable, given with --data and --stats before a line or script (<c>casdir --durable --data FE -File s.ps1</c>):
/// every write of the run is reported done only once the mirror holds it (docs/replication.md, "Durable writes"). It is
/// CASDIR_DURABLE=1 for this process, so the shell, the module and a script see one setting however it was given.
/// </summary>
public static class DurableOption
{
    public const string Option = "--durable";

    /// <summary>The arguments without a leading --durable (it is then set for this process).</summary>
    public static string[] Apply(string[] args)
    {
        var at = 0;
        var found = false;
        var kept = new List<string>();
        while (at < args.Length && (args[at] == "--data" && at + 1 < args.Length || args[at] is "--stats" or Option))
        {
            if (args[at] == Option)
                found = true;
            else
                kept.Add(args[at]);
            if (args[at] == "--data")
                kept.Add(args[++at]);
            at++;
        }
        if (!found)
            return args;
        Environment.SetEnvironmentVariable(Ldap.Connection.DurableWrites.Variable, "1");
        return [.. kept, .. args[at..]];
    }
}
