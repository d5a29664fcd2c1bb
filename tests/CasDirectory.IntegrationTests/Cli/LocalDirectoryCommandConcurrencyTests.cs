using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Cli;

/// <summary>
/// casdir up, down and status on one folder at once, and with a pid file that lies: one up wins, the other is refused
/// (exit 3) naming the folder and the holder; down and status see the slapd that serves the folder, whatever its pid
/// file says; no slapd is ever left behind.
/// </summary>
[TestFixture]
public sealed class LocalDirectoryCommandConcurrencyTests
{
    private const int Busy = 3;

    [Test]
    public void Two_ups_at_once_on_one_folder_start_one_directory()
    {
        const int Rounds = 4;
        var refused = 0;
        for (var round = 1; round <= Rounds; round++)
        {
            using var folder = new TemporaryFolder();
            var dir = folder.Combine("lab");
            var port = FreePort.Next();
            try
            {
                var results = RunAtOnce(["up", "--data", dir, "--port", port.ToString(), "--sample", "lab"], ["up", "--data", dir, "--port", port.ToString(), "--sample", "lab"]);
                var report = $"round {round}:\n{results[0]}\n---\n{results[1]}";

                var created = results.Where(r => r.ExitCode == 0 && r.Output.Contains("Created the directory")).ToList();
                Assert.That(created, Has.Count.EqualTo(1), report);
                var other = results.Single(r => r != created[0]);
                if (other.ExitCode == Busy)
                {
                    refused++;
                    Assert.That(other.Error, Does.Contain($"another casdir up is starting the directory in {dir}").And.Contain("casdir status"), report);
                    Assert.That(other.Output, Is.Empty, report);
                }
                else
                {
                    // The second came after the first had finished: today's answer to an up on a running directory.
                    Assert.That(other.ExitCode, Is.Zero, report);
                    Assert.That(other.Output, Does.Contain("is already running"), report);
                }
                Assert.That(SlapdProcesses.Serving(dir), Has.Count.EqualTo(1), $"one slapd serves the folder\n{report}");

                var down = Casdir.Run(["down", "--data", dir]);
                var status = Casdir.Run(["status", "--data", dir]);

                Assert.That(down.ExitCode, Is.Zero, down.ToString());
                Assert.That(SlapdProcesses.Serving(dir), Is.Empty, "no slapd serves the folder after down");
                Assert.That(FreePort.IsFree(port), Is.True, "the port is free after down");
                Assert.That(status.ExitCode, Is.EqualTo(1), status.ToString());
                Assert.That(status.Output, Does.StartWith("stopped"));
            }
            finally
            {
                SlapdProcesses.KillServing(dir);
            }
        }
        TestContext.Out.WriteLine($"{refused} of {Rounds} rounds met the race (the others: the second up came after the first had finished)");
        // Two processes started together meet inside the start sequence (hundreds of milliseconds) nearly always;
        // a round where one came after the other is legitimate, but all of them would mean the race was never run.
        Assert.That(refused, Is.GreaterThan(0), $"in {Rounds} rounds the two ups never overlapped");
    }

    [Test]
    public void An_up_on_a_folder_another_up_holds_exits_3_naming_the_folder_and_the_holder_and_writes_nothing()
    {
        using var folder = new TemporaryFolder();
        var dir = folder.Combine("lab");

        ProcessResult up;
        using (DataDirectoryLock.Acquire(new DataDirectory(dir), "up"))
            up = Casdir.Run(["up", "--data", dir, "--port", FreePort.Next().ToString()]);

        Assert.That(up.ExitCode, Is.EqualTo(Busy), up.ToString());
        Assert.That(up.Error, Does.Contain(
            $"another casdir up is starting the directory in {dir} (pid {Environment.ProcessId}); wait for it or run casdir status --data {dir}"));
        Assert.That(new DataDirectory(dir).Exists, Is.False);
        Assert.That(Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName), Is.EquivalentTo(new[] { DataDirectoryLock.LockFileName }),
            "only the lock file, which an up on the folder accepts as empty");
        var later = Casdir.Run(["up", "--data", dir, "--port", FreePort.Next().ToString()]);
        for (var attempt = 1; attempt < 3 && later.ExitCode != 0 && later.Error.Contains("is in use", StringComparison.Ordinal); attempt++)
            later = Casdir.Run(["up", "--data", dir, "--port", FreePort.Next().ToString()]); // another test took the free port first
        try
        {
            Assert.That(later.ExitCode, Is.Zero, later.ToString());
            Assert.That(later.Output, Does.Contain("Created the directory"));
        }
        finally
        {
            Casdir.Run(["down", "--data", dir]);
            SlapdProcesses.KillServing(dir);
        }
    }

    [Test]
    public void A_down_while_an_up_holds_the_folder_exits_3_and_leaves_the_directory_running()
    {
        using var folder = new TemporaryFolder();
        var dir = folder.Combine("lab");
        try
        {
            Assert.That(Casdir.Run(["up", "--data", dir, "--port", FreePort.Next().ToString()]).ExitCode, Is.Zero);

            ProcessResult down;
            using (DataDirectoryLock.Acquire(new DataDirectory(dir), "up"))
                down = Casdir.Run(["down", "--data", dir]);
            var status = Casdir.Run(["status", "--data", dir]);

            Assert.That(down.ExitCode, Is.EqualTo(Busy), down.ToString());
            Assert.That(down.Error, Does.Contain($"another casdir up is starting the directory in {dir} (pid {Environment.ProcessId})"));
            Assert.That(status.ExitCode, Is.Zero, status.ToString());
            Assert.That(SlapdProcesses.Serving(dir), Has.Count.EqualTo(1));
        }
        finally
        {
            Casdir.Run(["down", "--data", dir]);
            SlapdProcesses.KillServing(dir);
        }
    }

    public enum PidFileFault { Deleted, NamesAnotherProcess }

    [TestCase(PidFileFault.Deleted)]
    [TestCase(PidFileFault.NamesAnotherProcess)]
    public void Status_up_and_down_find_the_slapd_serving_the_folder_whatever_its_pid_file_says(PidFileFault fault)
    {
        using var folder = new TemporaryFolder();
        var dir = folder.Combine("lab");
        var port = FreePort.Next();
        try
        {
            Assert.That(Casdir.Run(["up", "--data", dir, "--port", port.ToString()]).ExitCode, Is.Zero);
            var slapd = SlapdProcesses.Serving(dir).Single();
            var pidFile = new DataDirectory(dir).PidFile;
            if (fault == PidFileFault.Deleted)
                File.Delete(pidFile);
            else
                File.WriteAllText(pidFile, $"{Environment.ProcessId}\n");

            var status = Casdir.Run(["status", "--data", dir]);
            var up = Casdir.Run(["up", "--data", dir]);
            var down = Casdir.Run(["down", "--data", dir]);
            var servingAfterDown = SlapdProcesses.Serving(dir);
            var portFreeAfterDown = FreePort.IsFree(port);
            var stopped = Casdir.Run(["status", "--data", dir]);
            var again = Casdir.Run(["up", "--data", dir]);

            Assert.That(status.ExitCode, Is.Zero, status.ToString());
            Assert.That(status.Output, Does.StartWith($"running  ldap://127.0.0.1:{port}  (pid {slapd})")
                .And.Contain("slapd/slapd.pid is missing or names another process"));
            Assert.That(up.ExitCode, Is.Zero, up.ToString());
            Assert.That(up.Output, Does.Contain("is already running"), "no second slapd is started beside the first");
            Assert.That(down.ExitCode, Is.Zero, down.ToString());
            Assert.That(down.Output, Does.StartWith("Stopped the directory"));
            Assert.That(servingAfterDown, Is.Empty, "no slapd serves the folder after down");
            Assert.That(portFreeAfterDown, Is.True, "the port is free after down");
            Assert.That(stopped.ExitCode, Is.EqualTo(1), stopped.ToString());
            Assert.That(stopped.Output, Does.StartWith("stopped"));
            Assert.That(again.ExitCode, Is.Zero, $"a later up starts it on its port: {again}");
            Assert.That(again.Output, Does.Contain("Started the directory"));
        }
        finally
        {
            Casdir.Run(["down", "--data", dir]);
            SlapdProcesses.KillServing(dir);
        }
    }

    /// <summary>Starts both casdir lines together (released by one barrier) and waits for both.</summary>
    private static ProcessResult[] RunAtOnce(string[] first, string[] second)
    {
        using var start = new Barrier(2);
        var runs = new[] { first, second }.Select(arguments => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            return Casdir.Run(arguments);
        }, TaskCreationOptions.LongRunning)).ToArray();
        Assert.That(Task.WaitAll(runs, TimeSpan.FromMinutes(5)), Is.True, "both ups finish");
        return runs.Select(r => r.Result).ToArray();
    }
}
