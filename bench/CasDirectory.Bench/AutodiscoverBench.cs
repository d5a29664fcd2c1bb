using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using CasDirectory.Ldap.Local;

namespace CasDirectory.Bench;

/// <summary>
/// The Autodiscover listener under load on loopback (README, "What Outlook sees"; docs/measurements.md): wrk with 50
/// connections posts Microsoft's POX request for a lab mailbox with Basic authentication, at full speed and at a fixed
/// 500 requests per second, beside the same for a static file from the same listener (/autodiscover/healthcheck.htm).
/// Prints requests per second and the latency percentiles wrk measures, and the ratios. Needs wrk (Debian's package).
/// </summary>
public static partial class AutodiscoverBench
{
    private const string Password = "Bench-Pa55word!";

    public static void Run(string[] casdir, string work, int seconds, int connections)
    {
        var lab = LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = Path.Combine(work, "lab"), Sample = "lab" }).Status;
        Process? service = null;
        try
        {
            Casdir(casdir, lab, $"Set-Mailbox alex -Password (ConvertTo-SecureString '{Password}' -AsPlainText -Force)");
            var port = FreePort();
            var url = $"https://127.0.0.1:{port}/";
            service = Start(casdir, lab, url);
            WaitForPort(port, service);

            var pox = Path.Combine(work, "pox.lua");
            var body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006\"><Request>" +
                       "<EMailAddress>alex@lab.local</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>";
            var authorization = Convert.ToBase64String(Encoding.UTF8.GetBytes($"alex@lab.local:{Password}"));
            string Script(int? delayMs) =>
                $"wrk.method = \"POST\"\nwrk.body = [[{body}]]\nwrk.headers[\"Content-Type\"] = \"text/xml\"\nwrk.headers[\"Authorization\"] = \"Basic {authorization}\"\n" +
                (delayMs is { } d ? $"function delay() return {d} end\n" : "");
            string StaticScript(int? delayMs) => delayMs is { } d ? $"function delay() return {d} end\n" : "";

            // 500 requests per second from 50 connections: each waits 100 ms between its requests (less its own latency).
            var paced = (int)(1000.0 * connections / 500);
            Console.WriteLine($"Autodiscover on {url}, {connections} connections, {seconds} s per run (wrk; TLS 1.3; loopback)");
            Console.WriteLine();
            Console.WriteLine("                                         requests/s    p50 ms    p90 ms    p99 ms   errors");
            var results = new List<(string Name, WrkResult Result)>();
            foreach (var (name, path, script) in new[]
                     {
                         ("static file, full speed", "autodiscover/healthcheck.htm", StaticScript(null)),
                         ("POX Autodiscover, full speed", "autodiscover/autodiscover.xml", Script(null)),
                         ("static file, 500 requests/s", "autodiscover/healthcheck.htm", StaticScript(paced)),
                         ("POX Autodiscover, 500 requests/s", "autodiscover/autodiscover.xml", Script(paced)),
                     })
            {
                File.WriteAllText(pox, script);
                var result = Wrk(url + path, pox, seconds, connections);
                results.Add((name, result));
                Console.WriteLine($"  {name,-37} {result.RequestsPerSecond,10:0}  {result.P50,8:0.00}  {result.P90,8:0.00}  {result.P99,8:0.00}  {result.Errors,7}");
            }
            Console.WriteLine();
            Console.WriteLine($"POX vs static file at full speed: {results[1].Result.RequestsPerSecond / results[0].Result.RequestsPerSecond:0.00}x the requests/s, " +
                              $"{results[1].Result.P99 / results[0].Result.P99:0.0}x the p99");
            Console.WriteLine($"POX at {results[3].Result.RequestsPerSecond:0} requests/s: p99 {results[3].Result.P99:0.00} ms (goal: <= 20 ms at 500 requests/s)");
            Console.WriteLine($"Service peak RSS: {PeakRssKb(service.Id) / 1024.0:0} MB");
        }
        finally
        {
            if (service is { HasExited: false })
            {
                service.Kill();
                service.WaitForExit();
            }
            LocalDirectory.Down(lab.DataDirectory);
        }
    }

    public sealed record WrkResult(double RequestsPerSecond, double P50, double P90, double P99, long Errors);

    private static WrkResult Wrk(string url, string script, int seconds, int connections)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "-s", script, url })
            info.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("wrk is missing: sudo apt-get install -y wrk");
        }
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !RequestsPerSecond().IsMatch(output))
            throw new InvalidOperationException($"wrk failed:\n{output}");
        double Percentile(string p) => Milliseconds(Regex.Match(output, $@"^\s+{p}%\s+(\S+)", RegexOptions.Multiline).Groups[1].Value);
        var errors = Regex.Matches(output, @"Non-2xx or 3xx responses: (\d+)|Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
            .SelectMany(m => m.Groups.Cast<Group>().Skip(1).Where(g => g.Success).Select(g => long.Parse(g.Value, CultureInfo.InvariantCulture))).Sum();
        return new WrkResult(double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture), Percentile("50"), Percentile("90"), Percentile("99"), errors);
    }

    /// <summary>wrk's "1.23ms", "456.78us", "1.20s".</summary>
    private static double Milliseconds(string text)
    {
        var match = Regex.Match(text, @"^([\d.]+)(us|ms|s|m)$");
        if (!match.Success)
            return double.NaN;
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "ms" => value, "s" => value * 1000, _ => value * 60000 };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    private static void Casdir(string[] casdir, LocalDirectoryStatus lab, string line)
    {
        var info = new ProcessStartInfo(casdir[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in casdir[1..].Concat([line, "--data", lab.DataDirectory]))
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"casdir {line}: {error}");
    }

    private static Process Start(string[] casdir, LocalDirectoryStatus lab, string url)
    {
        var info = new ProcessStartInfo(casdir[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in casdir[1..].Concat(["serve", "--data", lab.DataDirectory, "--SiteTopology:HttpPrefix=", $"--Autodiscover:Url={url}"]))
            info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void WaitForPort(int port, Process service)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !service.HasExited)
        {
            try
            {
                using var client = new TcpClient("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new InvalidOperationException($"casdir serve did not listen on {port}.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static long PeakRssKb(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmHWM:")).Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])).First();
}
