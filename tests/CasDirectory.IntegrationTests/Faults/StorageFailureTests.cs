using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Faults;

/// <summary>
/// A full disk and a read-only data folder each give one clear message naming the cause, not "An unknown error
/// occurred" or "slapd stopped". Real file systems: a 2.5 MB tmpfs and a read-only bind mount (root, as CI runs).
/// </summary>
[TestFixture]
[Category("Fault")]
public sealed class StorageFailureTests
{
    private static void Mount(params string[] arguments)
    {
        Assert.That(Environment.UserName, Is.EqualTo("root"), "these tests mount file systems: run them as root (CI does)");
        var result = ProcessRunner.Run(ProcessRunner.StartInfo("mount", arguments));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    private static void Unmount(string path) => ProcessRunner.Run(ProcessRunner.StartInfo("umount", ["-l", path]));

    [Test]
    public void A_full_disk_is_named_as_the_cause_and_stops_the_script()
    {
        using var folder = new TemporaryFolder("casdir-full");
        Mount("-t", "tmpfs", "-o", "size=2500k", "tmpfs", folder.Path);
        var data = Path.Combine(folder.Path, "lab");
        try
        {
            LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = data, Port = FreePort.Next(), Sample = "lab" });
            var script = Path.Combine(Path.GetTempPath(), $"fill-{Guid.NewGuid():N}.ps1");
            File.WriteAllLines(script, Enumerable.Range(0, 2000).Select(i => $"New-ADReplicationSite -Name Fill-{i}"));

            var result = Casdir.Run(["-File", script, "--data", data]);
            File.Delete(script);

            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Error, Does.Contain("New-ADReplicationSite: slapd could not store the change (txn_commit failed): its disk is probably full"));
            Assert.That(result.Error, Does.Not.Contain("unknown error").And.Not.Contain("   at "));
        }
        finally
        {
            if (Directory.Exists(data))
                LocalDirectory.Down(data);
            Unmount(folder.Path);
        }
    }

    [Test]
    public void A_read_only_data_folder_is_named_as_the_cause()
    {
        using var folder = new TemporaryFolder("casdir-readonly");
        var data = Path.Combine(folder.Path, "lab");
        LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = data, Port = FreePort.Next(), Sample = null });
        LocalDirectory.Down(data);
        Mount("--bind", folder.Path, folder.Path);
        try
        {
            Mount("-o", "remount,ro,bind", folder.Path);

            var result = Casdir.Run(["up", "--data", data]);

            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Error, Does.Contain("Read-only file system").And.Contain("must be writable"));
            Assert.That(result.Error, Does.Not.Contain("   at "));
        }
        finally
        {
            Unmount(folder.Path);
        }
    }
}
