using System.Diagnostics;
using NUnit.Framework;

namespace CasDirectory.Testcontainers.Tests;

/// <summary>The directory dies: while starting, StartAsync says why at once; after, the container's calls say it is gone.</summary>
[TestFixture]
[Category("Container")]
public sealed class FailureTests
{
    [Test]
    public async Task A_directory_that_cannot_start_fails_StartAsync_with_its_own_reason_not_at_the_readiness_timeout()
    {
        // A setting the builder would refuse, given raw: the container's entrypoint refuses it and ends.
        await using var directory = new CasDirectoryBuilder().WithEnvironment("CASDIR_SAMPLE", "garbage").Build();
        // The image first (on a fresh engine it is built now, a minute or two): the clock times the failing start only.
        await directory.EnsureImageAsync();

        var clock = Stopwatch.StartNew();
        var failure = Assert.ThrowsAsync<CasDirectoryStartupException>(() => directory.StartAsync());
        clock.Stop();
        TestContext.Progress.WriteLine($"a directory that cannot start: StartAsync failed after {clock.Elapsed.TotalSeconds:F2} s");

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "not the readiness timeout (2 minutes)");
        Assert.That(failure!.Message, Does.StartWith("The CasDirectory container ended while starting: exit code 1")
            .And.Contain("CASDIR_SAMPLE must be 'lab' or 'none'"));
    }

    [Test]
    public async Task When_slapd_dies_the_container_ends_and_RunCasdirAsync_says_so()
    {
        await using var directory = new CasDirectoryBuilder().WithSampleLab().Build();
        await directory.StartAsync();

        await directory.ExecAsync(["sh", "-c", "kill -KILL $(cat /var/lib/casdir/slapd/slapd.pid)"]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await directory.GetExitCodeAsync() == 0 && (await Fixtures.Engine.InspectAsync(directory.Id)).State?.Running == true && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => directory.RunCasdirAsync("Get-ExchangeServer"));
        Assert.That(failure!.Message, Does.StartWith("The CasDirectory container is not running").And.Contain("exit code"));
    }
}
