using System.Diagnostics;
using System.Text.RegularExpressions;
using CasDirectory.Bench;
using CasDirectory.Core.Naming;
using CasDirectory.Ldap.Local;

// casdir against OpenLDAP's own tools on the same slapd build, same schema and overlays, in one run:
//   provisioning: casdir -File (a PowerShell script: one process, one connection) vs ldapadd of LDIF holding the same entries;
//   start-up: casdir Get-ExchangeServer on the sample lab vs ldapsearch of the same servers;
//   reads: Get-ClientAccessArray / Get-MailboxDatabase vs ldapsearch of the same entries.
// Usage: dotnet run -c Release --project bench/CasDirectory.Bench [-- --sites 200 --servers 2000 --databases 8000 --repeat 5
//        --casdir .build/casdir/casdir --guard-baseline OTHER/casdir-guard.so]   (the ReadyToRun build ./casdir runs; default: the JIT build beside the bench)
//        --service [--moves 200 --bulk 10000]: the hosted service's reaction latency, convergence and memory instead.
//        --autodiscover [--seconds 15 --connections 50]: the Autodiscover listener under wrk, POX vs a static file.
//        --replication [--writes 500 --seconds 5 --clients 8]: mirror mode behind casdir frontend (durable vs plain writes,
//                                   replication lag under load, failover through the front end, read throughput via consumers).
//        --containers [--moves 50]: docker-compose.yml and CasDirectory.Testcontainers against the same run natively
//                                   (start, reads, latency, first-use image build; needs an engine).
var options = new Dictionary<string, int> { ["sites"] = 200, ["servers"] = 2000, ["databases"] = 8000, ["repeat"] = 5, ["moves"] = 200, ["bulk"] = 10000, ["seconds"] = 15, ["connections"] = 50 };
string[] casdirCommand = ["dotnet", Path.Combine(AppContext.BaseDirectory, "casdir.dll")];
string? guardBaseline = null, guardBaselineTemplate = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] is "--keep" or "--service" or "--containers" or "--autodiscover" or "--replication") continue;
    if (i + 1 == args.Length) throw new ArgumentException($"{args[i]} needs a value.");
    if (args[i] == "--casdir") casdirCommand = [Path.GetFullPath(args[++i])]; // e.g. .build/casdir/casdir, what ./casdir runs
    else if (args[i] == "--guard-baseline") guardBaseline = Path.GetFullPath(args[++i]); // another build of casdir-guard.so
    else if (args[i] == "--guard-baseline-template") guardBaselineTemplate = Path.GetFullPath(args[++i]); // its release's slapd.conf.template
    else options[args[i].TrimStart('-').ToLowerInvariant()] = int.Parse(args[++i]);
}
if (args.Contains("--service"))
{
    // The hosted service: casdir bench --service [--moves 200 --bulk 10000]
    var serviceWork = Directory.CreateTempSubdirectory("casdir-bench-service-");
    try { ServiceBench.Run(casdirCommand, serviceWork.FullName, options["moves"], options["bulk"]); }
    finally { serviceWork.Delete(recursive: true); }
    return;
}
if (args.Contains("--autodiscover"))
{
    var autodiscoverWork = Directory.CreateTempSubdirectory("casdir-bench-autodiscover-");
    try { AutodiscoverBench.Run(casdirCommand, autodiscoverWork.FullName, options["seconds"], options["connections"]); }
    finally { autodiscoverWork.Delete(recursive: true); }
    return;
}
if (args.Contains("--replication"))
{
    var replicationWork = Directory.CreateTempSubdirectory("casdir-bench-replication-");
    try { ReplicationBench.Run(replicationWork.FullName, options.GetValueOrDefault("writes", 500), args.Contains("--seconds") ? options["seconds"] : 5, options.GetValueOrDefault("clients", 8)); }
    finally { replicationWork.Delete(recursive: true); }
    return;
}
if (args.Contains("--containers"))
{
    var containerWork = Directory.CreateTempSubdirectory("casdir-bench-containers-");
    try
    {
        ContainerBench.Run(casdirCommand, containerWork.FullName, args.Contains("--moves") ? options["moves"] : 50, options["repeat"]);
        TestcontainersBench.Run(casdirCommand, containerWork.FullName, args.Contains("--moves") ? options["moves"] : 50, options["repeat"]);
    }
    finally { containerWork.Delete(recursive: true); }
    return;
}
var organisation = new SyntheticOrganisation(options["sites"], options["servers"], options["databases"]);
Console.WriteLine($"casdir: {string.Join(' ', casdirCommand)}");
var work = Directory.CreateTempSubdirectory("casdir-bench-");
Console.WriteLine($"Synthetic organisation: {organisation.Sites} sites, {organisation.Servers} servers, {organisation.Databases} mailbox databases");

try
{
    var (_, viaCasdir) = LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = Path.Combine(work.FullName, "casdir") });
    var (_, viaLdapadd) = LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = Path.Combine(work.FullName, "ldapadd") });
    var script = Path.Combine(work.FullName, "organisation.ps1");
    File.WriteAllText(script, organisation.Script());

    // 1. Provisioning with casdir, in script mode.
    var provision = Run(casdirCommand[0], [.. casdirCommand[1..], "-File", script, "--data", viaCasdir.DataDirectory, "--stats"]);
    Require(provision, "casdir -File");
    var entries = Count(viaCasdir, viaCasdir.State.ConfigurationDn) - Count(viaLdapadd, viaLdapadd.State.ConfigurationDn);

    // 2. The same entries as LDIF (exported from the casdir directory, minus the base tree both share), with ldapadd.
    var baseTree = Dns(viaLdapadd);
    var export = Run("ldapsearch", Bind(viaCasdir, DirectoryAccounts.Admin, ["-LLL", "-o", "ldif-wrap=no", "-b", viaCasdir.State.ConfigurationDn, "(objectClass=*)", "*"]));
    Require(export, "ldapsearch export");
    // Without the attributes slapd computes on read (objectGUID, whenCreated, ...): no entry may store them, as in AD.
    var computed = new Regex("^(objectGUID|objectCategory|whenCreated|whenChanged|uSNChanged|uSNCreated|systemFlags|distinguishedName|name|showInAdvancedViewOnly|instanceType|siteObjectBL|msExchServerSiteBL|msExchMDBAvailabilityGroupBL|msExchHostServerBL)::? ", RegexOptions.IgnoreCase);
    var ldif = string.Join("\n\n", export.Output.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Where(block => !baseTree.Contains(FirstDn(block)))
        .Select(block => string.Join("\n", block.Split('\n').Where(line => !computed.IsMatch(line)))));
    var ldifFile = Path.Combine(work.FullName, "organisation.ldif");
    File.WriteAllText(ldifFile, ldif + "\n");
    var load = Run("ldapadd", Bind(viaLdapadd, DirectoryAccounts.Provisioning, ["-f", ldifFile]));
    Require(load, "ldapadd");
    var loaded = Count(viaLdapadd, viaLdapadd.State.ConfigurationDn) - baseTree.Count;

    Console.WriteLine();
    Console.WriteLine("Provisioning (one connection each)      entries   seconds   entries/s   vs ldapadd");
    Console.WriteLine($"  ldapadd of the LDIF                  {loaded,8}  {load.Seconds,8:0.00}  {loaded / load.Seconds,10:0}        1.00");
    Console.WriteLine($"  casdir -File (Exchange verbs)        {entries,8}  {provision.Seconds,8:0.00}  {entries / provision.Seconds,10:0}  {load.Seconds / provision.Seconds,10:0.00}   {Stats(provision)}");

    // 2a. casdir-guard against another build of it (--guard-baseline, e.g. the previous release's .so, with
    //     --guard-baseline-template its release's slapd.conf.template, whose plugin lines it then runs with): the same
    //     LDIF loaded by ldapadd into two fresh directories, both up at once, and the same reads taken in turns, so a
    //     slow moment of the machine falls on both.
    if (guardBaseline is not null)
    {
        Console.WriteLine();
        Console.WriteLine($"casdir-guard: {guardBaseline} (baseline{(guardBaselineTemplate is null ? "" : $", with the plugin lines of {guardBaselineTemplate}")}) against this build, same LDIF and reads (reads: median of {options["repeat"]}, taken in turns)");
        Console.WriteLine("                                              baseline s   this s   this/baseline");
        var directories = new List<(string Folder, LocalDirectoryStatus Status, double Load)>();
        foreach (var plugin in new[] { guardBaseline, null })
        {
            var folder = Path.Combine(work.FullName, plugin is null ? "guard-this" : "guard-baseline");
            var (_, guarded) = LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = folder });
            if (plugin is not null)
            {
                LocalDirectory.Down(folder);
                var copy = Path.Combine(folder, "slapd", "casdir-guard.so");
                File.Copy(plugin, copy, overwrite: true);
                if (guardBaselineTemplate is not null)
                {
                    var config = Path.Combine(folder, "slapd", "slapd.conf");
                    var values = TemplateValues.For(ConfigurationPartition.Default);
                    values["GUARD_PLUGIN"] = copy;
                    File.WriteAllText(config, SlapdConfigLines.WithPluginLinesOf(File.ReadAllText(config), File.ReadAllText(guardBaselineTemplate), values));
                }
                (_, guarded) = LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = folder });
            }
            var loading = Run("ldapadd", Bind(guarded, DirectoryAccounts.Provisioning, ["-f", ldifFile]));
            Require(loading, "ldapadd (guard comparison)");
            directories.Add((folder, guarded, loading.Seconds));
        }
        var organisationDn = $"CN=First Organization,CN=Microsoft Exchange,CN=Services,{directories[0].Status.State.ConfigurationDn}";
        // Every entry of the organisation with '*', the computed attributes included (uSNChanged, systemFlags, ...).
        string[] all = ["-b", organisationDn, "(objectClass=*)", "*"];
        var guardReads = new[]
        {
            (Name: "ldapsearch databases and copies, named        ", Search: new[] { "-b", organisationDn, "(|(objectClass=msExchPrivateMDB)(objectClass=msExchMDBCopy))", "cn", "msExchOwningServer", "legacyExchangeDN" }),
            (Name: "ldapsearch servers, all attributes            ", Search: new[] { "-b", organisationDn, "(objectClass=msExchExchangeServer)" }),
            (Name: $"ldapsearch organisation, '*' ({Run("ldapsearch", Bind(directories[1].Status, DirectoryAccounts.Reader, ["-LLL", .. all])).Output.Split('\n').Count(l => l.StartsWith("dn:"))} entries) ", Search: all),
        };
        var times = guardReads.Select(_ => directories.Select(_ => new List<double>()).ToArray()).ToArray();
        for (var round = 0; round <= options["repeat"]; round++)
            for (var r = 0; r < guardReads.Length; r++)
                for (var d = 0; d < directories.Count; d++)
                {
                    var read = Run("ldapsearch", Bind(directories[d].Status, DirectoryAccounts.Reader, ["-LLL", .. guardReads[r].Search]));
                    Require(read, "ldapsearch");
                    if (round > 0) times[r][d].Add(read.Seconds); // the first round warms both
                }
        foreach (var (folder, _, _) in directories)
            LocalDirectory.Down(folder);
        Console.WriteLine($"  ldapadd of the LDIF ({loaded} entries)         {directories[0].Load,10:0.00}  {directories[1].Load,7:0.00}  {directories[1].Load / directories[0].Load,10:0.00}");
        for (var r = 0; r < guardReads.Length; r++)
        {
            double baseline = Median(times[r][0]), current = Median(times[r][1]);
            Console.WriteLine($"  {guardReads[r].Name}{baseline,10:0.000}  {current,7:0.000}  {current / baseline,10:0.00}");
        }
    }

    // 3. Reads of the whole organisation, median of several runs.
    var org = $"CN=First Organization,CN=Microsoft Exchange,CN=Services,{viaCasdir.State.ConfigurationDn}";
    Console.WriteLine();
    Console.WriteLine($"Reads of the whole organisation (median of {options["repeat"]})     seconds   vs ldapsearch   LDAP searches");
    Compare("Get-ClientAccessArray", ["Get-ClientAccessArray"],
        [["-b", org, "(|(objectClass=msExchExchangeServer)(objectClass=msExchProtocolCfgExchangeRPCService))", "cn", "networkAddress", "msExchServerSite", "msExchCurrentServerRoles", "serialNumber", "legacyExchangeDN"]]);
    Compare("Get-MailboxDatabase", ["Get-MailboxDatabase"],
        [["-b", org, "(|(objectClass=msExchPrivateMDB)(objectClass=msExchPublicMDB)(objectClass=msExchMDBCopy))", "cn", "msExchOwningServer", "legacyExchangeDN", "msExchRestore", "msExchHostServerLink"],
         ["-b", org, "(|(objectClass=msExchExchangeServer)(objectClass=msExchProtocolCfgExchangeRPCService))", "cn", "networkAddress", "legacyExchangeDN"]]);
    Compare("casdir --version (process start only)", ["--version"], []);

    // 3a. The cost of the attributes slapd computes on read (objectGUID, whenCreated, ...; casdir-guard): the same reads
    //     on the same directory, restarted without them (CASDIR_AD_ATTRIBUTES=off) and with them, in this run.
    Console.WriteLine();
    Console.WriteLine($"AD attributes computed on read: off vs on, same directory (median of {options["repeat"]})   off s      on s    on/off");
    var reads = new (string Label, string[] Search)[]
    {
        ("ldapsearch servers, arrays, RPC", ["-b", org, "(|(objectClass=msExchExchangeServer)(objectClass=msExchProtocolCfgExchangeRPCService))", "cn", "networkAddress", "msExchServerSite"]),
        ("ldapsearch databases and copies", ["-b", org, "(|(objectClass=msExchPrivateMDB)(objectClass=msExchMDBCopy))", "cn", "msExchOwningServer", "legacyExchangeDN"]),
        ("ldapsearch servers, all attributes", ["-b", org, "(objectClass=msExchExchangeServer)"]),
    };
    double ReadSeconds(string[] search) =>
        Median(Enumerable.Range(0, options["repeat"]).Select(_ => { var r = Run("ldapsearch", Bind(viaCasdir, DirectoryAccounts.Reader, ["-LLL", .. search])); Require(r, "ldapsearch"); return r.Seconds; }));
    double CasdirSeconds(string verb) =>
        Median(Enumerable.Range(0, options["repeat"]).Select(_ => { var r = Run(casdirCommand[0], [.. casdirCommand[1..], verb, "--data", viaCasdir.DataDirectory]); Require(r, verb); return r.Seconds; }));
    void Restart(bool computed)
    {
        Environment.SetEnvironmentVariable("CASDIR_AD_ATTRIBUTES", computed ? null : "off"); // slapd inherits it
        LocalDirectory.Down(viaCasdir.DataDirectory);
        LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = viaCasdir.DataDirectory });
        Environment.SetEnvironmentVariable("CASDIR_AD_ATTRIBUTES", null);
    }
    Restart(computed: false);
    var off = reads.Select(r => ReadSeconds(r.Search)).Append(CasdirSeconds("Get-MailboxDatabase")).ToList();
    Restart(computed: true);
    var on = reads.Select(r => ReadSeconds(r.Search)).Append(CasdirSeconds("Get-MailboxDatabase")).ToList();
    foreach (var (label, i) in reads.Select((r, i) => (r.Label, i)).Append(("casdir Get-MailboxDatabase", reads.Length)))
        Console.WriteLine($"  {label,-44} {off[i],8:0.000}  {on[i],8:0.000}  {on[i] / off[i],8:0.00}");

    // 3a'. What AD clients ask beyond a plain read, against that plain read, same directory and run: a server-side sort
    //      (slapo-sssvlv), sorted pages, back-links (read before the search), the extended DN control (a base search reads
    //      only what its entry names), security descriptors with AD's SD flags control, the root DSE's
    //      highestCommittedUSN (a read of what was written since the last one).
    Console.WriteLine();
    Console.WriteLine($"AD clients' reads against the plain read, same directory (median of {options["repeat"]})   plain s   asked s   asked/plain");
    var sites = $"CN=Sites,{viaCasdir.State.ConfigurationDn}";
    var oneServer = $"CN=EX001-01,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,{org}";
    const string sdFlags = "!1.2.840.113556.1.4.801=::MAMCAQc="; // owner, group, DACL
    var adReads = new (string Label, string[] Plain, string[] Asked)[]
    {
        ("one server, extended DN control (ADSI's bind)", ["-b", oneServer, "-s", "base", "(objectClass=*)", "cn", "msExchServerSite"], ["-E", "!1.2.840.113556.1.4.529", "-b", oneServer, "-s", "base", "(objectClass=*)", "cn", "msExchServerSite"]),
        ("organisation '*', with nTSecurityDescriptor", ["-b", org, "(objectClass=*)", "*"], ["-E", sdFlags, "-b", org, "(objectClass=*)", "*"]),
        ("organisation cn, sorted by cn (-E sss=cn)", ["-b", org, "(objectClass=*)", "cn"], ["-E", "!sss=cn", "-b", org, "(objectClass=*)", "cn"]),
        ("organisation cn, sorted, pages of 500", ["-E", "pr=500/noprompt", "-b", org, "(objectClass=*)", "cn"], ["-E", "!sss=cn", "-E", "pr=500/noprompt", "-b", org, "(objectClass=*)", "cn"]),
        ("organisation cn, extended DN control", ["-b", org, "(objectClass=*)", "cn"], ["-E", "!1.2.840.113556.1.4.529", "-b", org, "(objectClass=*)", "cn"]),
        ("sites with their back-links", ["-b", sites, "-s", "one", "(objectClass=site)", "cn"], ["-b", sites, "-s", "one", "(objectClass=site)", "cn", "msExchServerSiteBL", "siteObjectBL"]),
        ("root DSE with highestCommittedUSN", ["-b", "", "-s", "base", "(objectClass=*)", "namingContexts"], ["-b", "", "-s", "base", "(objectClass=*)", "highestCommittedUSN"]),
    };
    foreach (var (label, plainSearch, askedSearch) in adReads)
    {
        var plain = ReadSeconds(plainSearch);
        var asked = ReadSeconds(askedSearch);
        Console.WriteLine($"  {label,-44} {plain,8:0.000}  {asked,8:0.000}  {asked / plain,8:0.00}");
    }

    // 3b. Start-up: one command on the sample lab (four servers), where the engine's start is most of the cost.
    var (_, lab) = LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = Path.Combine(work.FullName, "lab"), Sample = "lab" });
    Console.WriteLine();
    Console.WriteLine($"One command on the sample lab (median of {options["repeat"]})              seconds   vs ldapsearch   LDAP searches");
    Compare("Get-ExchangeServer", ["Get-ExchangeServer"],
        [["-b", $"CN=Microsoft Exchange,CN=Services,{lab.State.ConfigurationDn}", "(objectClass=msExchExchangeServer)", "cn", "msExchServerSite", "msExchCurrentServerRoles", "serialNumber", "type"]], lab);

    // 3c. TLS against plain, in this run: casdir reaches a local directory over LDAPS (its own CA); the same
    //     commands over plain ldap:// on loopback (-DomainController), and ldapsearch both ways.
    Console.WriteLine();
    Console.WriteLine($"Over TLS and plain (median of {options["repeat"]})                    plain s     LDAPS s   LDAPS/plain");
    TlsCompare("Get-ExchangeServer, sample lab", lab, ["Get-ExchangeServer"],
        ["-b", $"CN=Microsoft Exchange,CN=Services,{lab.State.ConfigurationDn}", "(objectClass=msExchExchangeServer)", "cn", "msExchServerSite", "msExchCurrentServerRoles", "serialNumber", "type"]);
    TlsCompare("Get-MailboxDatabase, 8000 databases", viaCasdir, ["Get-MailboxDatabase"],
        ["-b", org, "(|(objectClass=msExchPrivateMDB)(objectClass=msExchPublicMDB)(objectClass=msExchMDBCopy))", "cn", "msExchOwningServer", "legacyExchangeDN", "msExchRestore", "msExchHostServerLink"]);

    // 4. The best-practice report over the whole organisation (exit code 1 only means it found something).
    var reports = Enumerable.Range(0, options["repeat"]).Select(_ => Run(casdirCommand[0], [.. casdirCommand[1..], "Test-CasTopology", "--data", viaCasdir.DataDirectory, "--stats"])).ToList();
    if (reports.Any(r => r.ExitCode > 1)) Require(reports.First(r => r.ExitCode > 1), "Test-CasTopology");
    var summary = Regex.Match(reports[0].Error, @"WARNING: (\d+ findings?[^\n]*)") is { Success: true } found ? found.Groups[1].Value : "no findings";
    Console.WriteLine($"  casdir Test-CasTopology                      {Median(reports.Select(r => r.Seconds)),8:0.000}                   {Stats(reports[0])}   ({summary})");

    // 5. The same reads in-process through the directory layer (warm: what the hosted service pays).
    var provisioning = viaCasdir.State.Accounts[DirectoryAccounts.Provisioning];
    using var directory = CasDirectory.Ldap.Exchange.ExchangeDirectory.Connect(
        CasDirectory.Ldap.Connection.DirectoryEndpoint.Parse(viaCasdir.State.Url),
        CasDirectory.Ldap.Connection.DirectoryCredential.FromPasswordFile(provisioning.Dn, provisioning.PasswordFile));
    double InProcess(Action read)
    {
        read(); // warm-up: JIT and the first connection
        return Median(Enumerable.Range(0, options["repeat"]).Select(_ => { var clock = Stopwatch.StartNew(); read(); return clock.Elapsed.TotalSeconds; }));
    }
    Console.WriteLine();
    Console.WriteLine("Same reads in-process through the directory layer (warm)   seconds");
    Console.WriteLine($"  servers and arrays (2 searches)                      {InProcess(() => directory.ReadServersAndArraysUncached()),8:0.000}");
    Console.WriteLine($"  databases and copies (2 searches)                    {InProcess(() => directory.ReadDatabasesUncached()),8:0.000}");

    void TlsCompare(string label, LocalDirectoryStatus target, string[] verb, string[] search)
    {
        var reader = target.State.Accounts[DirectoryAccounts.Reader];
        var plainEnvironment = new Dictionary<string, string> { ["CASDIR_BIND_DN"] = reader.Dn, ["CASDIR_BIND_PASSWORD_FILE"] = reader.PasswordFile };
        var tlsEnvironment = new Dictionary<string, string> { ["LDAPTLS_CACERT"] = target.State.CaFile! };
        double Timed(Func<(int ExitCode, string Output, string Error, double Seconds)> run) =>
            Median(Enumerable.Range(0, options["repeat"]).Select(_ => { var r = run(); Require(r, label); return r.Seconds; }));
        var casdirPlain = Timed(() => Run(casdirCommand[0], [.. casdirCommand[1..], .. verb, "-DomainController", target.State.Url], plainEnvironment));
        var casdirTls = Timed(() => Run(casdirCommand[0], [.. casdirCommand[1..], .. verb, "--data", target.DataDirectory]));
        var rawPlain = Timed(() => Run("ldapsearch", Bind(target, DirectoryAccounts.Reader, ["-LLL", .. search])));
        var tlsBind = Bind(target, DirectoryAccounts.Reader, ["-LLL", .. search]).ToArray();
        tlsBind[Array.IndexOf(tlsBind, "-H") + 1] = target.State.LdapsUrl!;
        var rawTls = Timed(() => Run("ldapsearch", tlsBind, tlsEnvironment, init: true));
        Console.WriteLine($"  ldapsearch, {label,-38} {rawPlain,8:0.000}    {rawTls,8:0.000}   {rawTls / rawPlain,8:0.00}");
        Console.WriteLine($"  casdir {verb[0]}, {label[(label.IndexOf(',') + 2)..],-24} {casdirPlain,8:0.000}    {casdirTls,8:0.000}   {casdirTls / casdirPlain,8:0.00}");
    }

    void Compare(string label, string[] verb, string[][] searches, LocalDirectoryStatus? target = null)
    {
        target ??= viaCasdir;
        var casdirRuns = Enumerable.Range(0, options["repeat"]).Select(_ => Run(casdirCommand[0], [.. casdirCommand[1..], .. verb, .. verb[0].StartsWith("--") ? Array.Empty<string>() : ["--data", target.DataDirectory, "--stats"]])).ToList();
        casdirRuns.ForEach(r => Require(r, label));
        var casdirSeconds = Median(casdirRuns.Select(r => r.Seconds));
        if (searches.Length == 0)
        {
            Console.WriteLine($"  {label,-44} {casdirSeconds,8:0.000}");
            return;
        }
        var rawSeconds = Median(Enumerable.Range(0, options["repeat"]).Select(_ =>
            searches.Sum(search => { var r = Run("ldapsearch", Bind(target, DirectoryAccounts.Reader, ["-LLL", .. search])); Require(r, "ldapsearch"); return r.Seconds; })));
        Console.WriteLine($"  ldapsearch of the same entries               {rawSeconds,8:0.000}            1.00   {searches.Length}");
        Console.WriteLine($"  casdir {label,-37} {casdirSeconds,8:0.000}   {casdirSeconds / rawSeconds,13:0.00}   {Stats(casdirRuns[0])}");
    }
}
finally
{
    foreach (var folder in new[] { "casdir", "ldapadd", "lab" })
    {
        try { LocalDirectory.Down(Path.Combine(work.FullName, folder)); } catch (LocalDirectoryException) { }
    }
    if (!args.Contains("--keep"))
        work.Delete(recursive: true);
}

static (int ExitCode, string Output, string Error, double Seconds) Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, bool init = false)
{
    var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    foreach (var argument in arguments) info.ArgumentList.Add(argument);
    if (!init)
        info.Environment["LDAPNOINIT"] = "1"; // (LDAPNOINIT also makes libldap ignore LDAPTLS_CACERT)
    foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        info.Environment[name] = value;
    var clock = Stopwatch.StartNew();
    using var process = Process.Start(info)!;
    var output = process.StandardOutput.ReadToEndAsync();
    var error = process.StandardError.ReadToEndAsync();
    process.WaitForExit();
    return (process.ExitCode, output.Result, error.Result, clock.Elapsed.TotalSeconds);
}

static void Require((int ExitCode, string Output, string Error, double Seconds) result, string what)
{
    if (result.ExitCode != 0)
        throw new InvalidOperationException($"{what} failed ({result.ExitCode}): {result.Error[..Math.Min(2000, result.Error.Length)]}");
}

static string[] Bind(LocalDirectoryStatus directory, string account, string[] rest) =>
    ["-x", "-H", directory.State.Url, "-D", directory.State.Accounts[account].Dn, "-y", directory.State.Accounts[account].PasswordFile, .. rest];

static int Count(LocalDirectoryStatus directory, string baseDn) => Dns(directory, baseDn).Count;

static HashSet<string> Dns(LocalDirectoryStatus directory, string? baseDn = null)
{
    var result = Run("ldapsearch", Bind(directory, DirectoryAccounts.Reader, ["-LLL", "-o", "ldif-wrap=no", "-b", baseDn ?? directory.State.ConfigurationDn, "(objectClass=*)", "1.1"]));
    return result.Output.Split('\n').Where(l => l.StartsWith("dn: ")).Select(l => l[4..].ToLowerInvariant()).ToHashSet();
}

static string FirstDn(string block) => block.Split('\n').First(l => l.StartsWith("dn: "))[4..].ToLowerInvariant();

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static string Stats((int ExitCode, string Output, string Error, double Seconds) result) =>
    Regex.Match(result.Error, @"LDAP: (\d+) searches, (\d+) writes") is { Success: true } m ? $"{m.Groups[1].Value} searches, {m.Groups[2].Value} writes" : "";
