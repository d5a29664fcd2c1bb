using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Local;

namespace CasDirectory.Bench;

/// <summary>
/// docker-compose.yml against the same things run natively, in one run: start-up to healthy, a read with ldapsearch
/// and with casdir, and the service's reaction latency. Needs a Docker engine (scripts/docker-engine.sh run ...).
/// </summary>
public static class ContainerBench
{
    public static void Run(string[] casdir, string work, int moves, int repeat)
    {
        var compose = new Compose($"casdirbench{Environment.ProcessId}");
        Console.WriteLine("Building the images (not timed)...");
        compose.Must(TimeSpan.FromMinutes(20), "build", "-q");
        LocalDirectoryStatus? lab = null;
        Process? service = null;
        try
        {
            // 1. Start-up: from nothing to a directory with the lab and a ready service.
            var statusPort = FreePort();
            var native = Stopwatch.StartNew();
            lab = LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = Path.Combine(work, "native"), Sample = "lab" }).Status;
            service = StartService(casdir, lab, statusPort);
            MoveLatency.Wait(() => Ready($"http://127.0.0.1:{statusPort}/readyz"), TimeSpan.FromSeconds(60), 20);
            var nativeStart = native.Elapsed.TotalSeconds;

            var contained = Stopwatch.StartNew();
            compose.Must(TimeSpan.FromMinutes(2), "up", "-d");
            MoveLatency.Wait(() => compose.Healthy("ldap") && compose.Healthy("casdir"), TimeSpan.FromSeconds(120), 100);
            var containerStart = contained.Elapsed.TotalSeconds;

            var caFile = Path.Combine(work, "container-ca.crt");
            File.WriteAllText(caFile, compose.Must(TimeSpan.FromSeconds(30), "exec", "-T", "ldap", "cat", "/var/lib/casdir/tls/ca.crt").Output);
            var readerDn = compose.Must(TimeSpan.FromSeconds(30), "exec", "-T", "ldap", "cat", "/var/lib/casdir/accounts/reader.dn").Output;
            var provisioningDn = compose.Must(TimeSpan.FromSeconds(30), "exec", "-T", "ldap", "cat", "/var/lib/casdir/accounts/provisioning.dn").Output;
            var readerPassword = SecretFile(work, "reader", compose.Must(TimeSpan.FromSeconds(30), "exec", "-T", "ldap", "cat", "/var/lib/casdir/accounts/reader.password").Output);
            var provisioningPassword = SecretFile(work, "provisioning", compose.Must(TimeSpan.FromSeconds(30), "exec", "-T", "ldap", "cat", "/var/lib/casdir/accounts/provisioning.password").Output);

            Console.WriteLine();
            Console.WriteLine("                                                           native s   compose s   compose/native");
            Console.WriteLine($"  start: nothing -> lab directory + service ready/healthy  {nativeStart,8:0.00}    {containerStart,8:0.00}   {containerStart / nativeStart,10:0.00}");

            // 2. Reads of the lab's servers over LDAPS: ldapsearch, then casdir (a new process, or a new container).
            var search = new[] { "-LLL", "-b", lab.State.ConfigurationDn, "(objectClass=msExchExchangeServer)", "cn", "msExchServerSite" };
            var reader = lab.State.Accounts[DirectoryAccounts.Reader];
            var nativeSearch = Median(repeat, () => Tool("ldapsearch", ["-x", "-H", lab.State.LdapsUrl!, "-D", reader.Dn, "-y", reader.PasswordFile, .. search], lab.State.CaFile!));
            var containerSearch = Median(repeat, () => Tool("ldapsearch", ["-x", "-H", compose.LdapsUrl, "-D", readerDn, "-y", readerPassword, .. search], caFile));
            Console.WriteLine($"  ldapsearch of the lab's servers over LDAPS              {nativeSearch,8:0.000}    {containerSearch,8:0.000}   {containerSearch / nativeSearch,10:0.00}");
            var nativeCasdir = Median(repeat, () => Timed(() => Require(Process(casdir[0], [.. casdir[1..], "Get-ExchangeServer", "--data", lab.DataDirectory]), "casdir")));
            var containerCasdir = Median(repeat, () => Timed(() => compose.Must(TimeSpan.FromMinutes(1), "run", "--rm", "-T", "casdir", "Get-ExchangeServer")));
            Console.WriteLine($"  casdir Get-ExchangeServer (new process / run --rm)      {nativeCasdir,8:0.000}    {containerCasdir,8:0.000}   {containerCasdir / nativeCasdir,10:0.00}");
            Console.WriteLine($"    (ratio to ldapsearch: native {nativeCasdir / nativeSearch:0.0}x, compose {containerCasdir / containerSearch:0.0}x)");

            // 3. The service's reaction latency, the same moves against each.
            var provisioning = lab.State.Accounts[DirectoryAccounts.Provisioning];
            using (var session = new DirectorySession(DirectoryEndpoint.Parse(lab.State.Url), DirectoryCredential.FromPasswordFile(reader.Dn, reader.PasswordFile)))
            {
                var latencies = MoveLatency.Measure(session, lab.State.ConfigurationDn,
                    ldif => Tool("ldapmodify", ["-x", "-H", lab.State.LdapsUrl!, "-D", provisioning.Dn, "-y", provisioning.PasswordFile], lab.State.CaFile!, ldif), moves);
                Console.WriteLine($"  reaction latency, native   ({moves} moves): {MoveLatency.Summary(latencies)}");
            }
            using (var session = new DirectorySession(DirectoryEndpoint.Parse(compose.LdapsUrl) with { CaFile = caFile }, DirectoryCredential.FromPasswordFile(readerDn, readerPassword)))
            {
                var latencies = MoveLatency.Measure(session, lab.State.ConfigurationDn,
                    ldif => Tool("ldapmodify", ["-x", "-H", compose.LdapsUrl, "-D", provisioningDn, "-y", provisioningPassword], caFile, ldif), moves);
                Console.WriteLine($"  reaction latency, compose  ({moves} moves): {MoveLatency.Summary(latencies)}");
            }

            foreach (var image in new[] { "casdirectory/openldap:dev", "casdirectory/casdir:dev" })
            {
                var bytes = long.Parse(Require(Process("docker", ["image", "inspect", "-f", "{{.Size}}", image]), "docker image inspect").Output.Trim());
                Console.WriteLine($"  image {image}: {bytes / 1e6:0} MB");
            }
        }
        finally
        {
            if (service is { HasExited: false })
            {
                service.Kill();
                service.WaitForExit();
            }
            if (lab is not null)
                LocalDirectory.Down(lab.DataDirectory);
            compose.Run(TimeSpan.FromMinutes(2), "down", "-v", "--timeout", "5");
        }
    }

    private static Process StartService(string[] casdir, LocalDirectoryStatus lab, int port)
    {
        var info = new ProcessStartInfo(casdir[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in casdir[1..].Concat(["serve", "--data", lab.DataDirectory, $"--SiteTopology:HttpPrefix=http://127.0.0.1:{port}/"]))
            info.ArgumentList.Add(argument);
        var process = System.Diagnostics.Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static bool Ready(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try { return http.GetAsync(url).Result.IsSuccessStatusCode; }
        catch (AggregateException) { return false; }
    }

    internal static string SecretFile(string work, string name, string content)
    {
        var file = Path.Combine(work, name + ".password");
        File.WriteAllText(file, "");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(file, content);
        return file;
    }

    private static double Tool(string tool, string[] arguments, string caFile, string? input = null)
    {
        var environment = new Dictionary<string, string> { ["LDAPTLS_CACERT"] = caFile };
        return Timed(() => Require(Process(tool, arguments, environment, input), tool));
    }

    internal static double Timed(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    internal static double Median(int repeat, Func<double> run)
    {
        run(); // warm-up
        var values = Enumerable.Range(0, repeat).Select(_ => run()).Order().ToList();
        return values[values.Count / 2];
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    internal sealed record Result(int ExitCode, string Output, string Error);

    internal static Result Require(Result result, string what) =>
        result.ExitCode == 0 ? result : throw new InvalidOperationException($"{what} failed ({result.ExitCode}): {result.Error}");

    internal static Result Process(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? input = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null) process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish.");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The repository's docker-compose.yml as its own project with free host ports.</summary>
    private sealed class Compose(string project)
    {
        private readonly int _ldapPort = FreePort(), _ldapsPort = FreePort(), _statusPort = FreePort();
        private readonly string[] _command = Process("docker", ["compose", "version"]).ExitCode == 0 ? ["docker", "compose"] : ["docker-compose"];

        public string LdapsUrl => $"ldaps://127.0.0.1:{_ldapsPort}";

        public Result Run(TimeSpan timeout, params string[] arguments) =>
            Process(_command[0], [.. _command[1..], "-p", project, "-f", Path.Combine(RepositoryRoot(), "docker-compose.yml"), .. arguments], new Dictionary<string, string>
            {
                ["CASDIR_LDAP_PORT"] = _ldapPort.ToString(), ["CASDIR_LDAPS_PORT"] = _ldapsPort.ToString(), ["CASDIR_STATUS_PORT"] = _statusPort.ToString(),
            }, timeout: timeout);

        public Result Must(TimeSpan timeout, params string[] arguments) => Require(Run(timeout, arguments), string.Join(' ', arguments.Take(2)));

        public bool Healthy(string service)
        {
            var id = Run(TimeSpan.FromSeconds(30), "ps", "-q", service).Output.Trim();
            return id.Length > 0 && Process("docker", ["inspect", "-f", "{{.State.Health.Status}}", id]).Output.Trim() == "healthy";
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "docker-compose.yml")))
                    return dir.FullName;
            throw new InvalidOperationException("Run the benchmark from a clone of the repository (docker-compose.yml not found).");
        }
    }
}
