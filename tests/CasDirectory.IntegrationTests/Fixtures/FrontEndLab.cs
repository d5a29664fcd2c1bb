using System.Diagnostics;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Local;

namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>
/// A replicated lab behind a real haproxy front end: provider A (the sample lab), its mirror B (casdir up --mirror-of A),
/// <paramref name="consumers"/> read-only consumers (--consumer-of A), each a real slapd on free ports in a temporary folder,
/// and casdir frontend before them. Kill -9, SIGSTOP and restart act on one server by its pid file. Disposed: all stopped.
/// </summary>
public sealed class FrontEndLab : IDisposable
{
    private readonly TemporaryFolder _folder = new("casdir-replicated");
    private readonly List<string> _started = [];

    public FrontEndLab(int consumers = 1)
    {
        try
        {
            A = Up(new LocalDirectoryOptions { DataDirectory = _folder.Combine("a"), Sample = "lab" });
            B = Up(new LocalDirectoryOptions { DataDirectory = _folder.Combine("b"), MirrorOf = A.DataDirectory });
            Consumers = Enumerable.Range(0, consumers).Select(i => Up(new LocalDirectoryOptions { DataDirectory = _folder.Combine($"c{i + 1}"), ConsumerOf = [A.DataDirectory] })).ToList();
            FrontEnd = new FrontEndProxy([A.DataDirectory, B.DataDirectory], Consumers.Select(c => c.DataDirectory).ToList());
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public LocalDirectoryStatus A { get; }
    public LocalDirectoryStatus B { get; }
    public IReadOnlyList<LocalDirectoryStatus> Consumers { get; }
    public FrontEndProxy FrontEnd { get; } = null!;
    public string ConfigurationDn => A.State.ConfigurationDn;

    private LocalDirectoryStatus Up(LocalDirectoryOptions options)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var status = LocalDirectory.Up(options with { Port = FreePort.Next() }).Status;
                _started.Add(status.DataDirectory);
                return status;
            }
            catch (LocalDirectoryException e) when (attempt < 3 && e.Message.Contains("in use"))
            {
                // another fixture took the port between our check and slapd's bind
            }
        }
    }

    /// <summary>kill -9 of a server's slapd.</summary>
    public void Kill(LocalDirectoryStatus server) => Signal(server, "KILL");

    /// <summary>SIGSTOP: the server keeps its sockets open and answers nothing (a hung server); Resume sends SIGCONT.</summary>
    public void Freeze(LocalDirectoryStatus server) => Signal(server, "STOP");

    public void Resume(LocalDirectoryStatus server) => Signal(server, "CONT");

    /// <summary>casdir up on the server's folder again (after a kill).</summary>
    public void Restart(LocalDirectoryStatus server)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = server.DataDirectory });
                return;
            }
            catch (LocalDirectoryException e) when (attempt < 20 && e.Message.Contains("in use"))
            {
                // A killed server's LDAPS port (chosen among the ephemeral ones) may serve a passing outgoing connection
                // of another program for a moment: casdir up keeps a directory's ports, so wait for it to be free.
                Thread.Sleep(1000);
            }
        }
    }

    private static void Signal(LocalDirectoryStatus server, string signal)
    {
        var pid = File.ReadAllText(new DataDirectory(server.DataDirectory).PidFile).Trim();
        using var kill = Process.Start("kill", ["-" + signal, pid])!;
        kill.WaitForExit();
        if (signal == "KILL")
            using (var process = SafeProcess(int.Parse(pid)))
                process?.WaitForExit(10_000);
    }

    private static Process? SafeProcess(int pid)
    {
        try { return Process.GetProcessById(pid); }
        catch (ArgumentException) { return null; }
    }

    /// <summary>A session straight to one server, as the provisioning account.</summary>
    public DirectorySession Session(LocalDirectoryStatus server, string account = DirectoryAccounts.Provisioning)
    {
        var (endpoint, credential) = DirectoryTarget.Resolve(null, server.DataDirectory, account);
        return new DirectorySession(endpoint, credential);
    }

    /// <summary>A new subnet in Site-A: its DN and attributes (a write any provisioning account may make).</summary>
    public (string Dn, IReadOnlyList<(string Name, IReadOnlyList<string> Values)> Attributes) NewSubnet()
    {
        var n = Interlocked.Increment(ref _subnets);
        var name = $"10.{200 + n / 256}.{n % 256}.0/24";
        return ($"CN={name},CN=Subnets,CN=Sites,{ConfigurationDn}",
            [("objectClass", ["top", "subnet"]), ("cn", [name]), ("siteObject", [$"CN=Site-A,CN=Sites,{ConfigurationDn}"])]);
    }

    private static int _subnets;

    /// <summary>The serverID of the provider that made the entry (its entryCSN's), read on <paramref name="server"/>.</summary>
    public int? MadeBy(LocalDirectoryStatus server, string dn)
    {
        using var session = Session(server);
        return session.Read(dn, "entryCSN")?.Attributes["entryCSN"]?[0] is string csn ? ChangeSequenceNumber.TryParse(csn)?.ServerId : null;
    }

    /// <summary>Polls until <paramref name="condition"/> holds (generous: the machine is shared).</summary>
    public static void Eventually(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"{what}: not within {timeout.TotalSeconds:0} s.");
            Thread.Sleep(100);
        }
    }

    public void Dispose()
    {
        FrontEnd?.Dispose();
        foreach (var folder in Enumerable.Reverse(_started))
        {
            try
            {
                var pidFile = new DataDirectory(folder).PidFile;
                if (File.Exists(pidFile)) // a frozen server answers SIGTERM only once resumed
                    using (Process.Start("kill", ["-CONT", File.ReadAllText(pidFile).Trim()]))
                    {
                    }
                LocalDirectory.Down(folder);
            }
            catch (Exception e) when (e is LocalDirectoryException or IOException)
            {
                // stopped already (killed)
            }
        }
        _folder.Dispose();
    }
}
