using System.Diagnostics;
using CasDirectory.Testcontainers.Tests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.Testcontainers.Tests;

/// <summary>WithSiteTopologyService: casdir serve beside the directory, as the updater account (README, "`casdir serve`: the hosted service").</summary>
[TestFixture]
[Category("Container")]
public sealed class SiteTopologyServiceTests
{
    private CasDirectoryContainer _directory = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _directory = new CasDirectoryBuilder().WithSampleLab().WithSiteTopologyService().Build();
        await _directory.EnsureImageAsync(); // a first use builds the image: not part of the figure below
        var clock = Stopwatch.StartNew();
        await _directory.StartAsync();
        TestContext.Progress.WriteLine($"CasDirectory.Testcontainers with the site-topology service: StartAsync to ready in {clock.Elapsed.TotalSeconds:F2} s");
    }

    [OneTimeTearDown]
    public async Task DisposeAsync() => await _directory.DisposeAsync();

    [Test]
    public async Task The_service_is_ready_when_StartAsync_returns()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };

        var ready = await http.GetAsync(new Uri(_directory.GetStatusUrl(), "readyz"));

        Assert.That((int)ready.StatusCode, Is.EqualTo(200), await ready.Content.ReadAsStringAsync());
        Assert.That(_directory.GetStatusUrl().Host, Is.EqualTo("127.0.0.1"));
    }

    [Test]
    public void A_raw_ldapmodify_of_a_servers_ipHostNumber_into_another_sites_subnet_moves_it_within_a_second()
    {
        var siteB = Lab.SiteDn(_directory, "Site-B");
        Assert.That(Lab.SiteOf(_directory, "E2K10-MLT-02"), Is.Not.EqualTo(siteB).IgnoreCase);
        var provisioning = _directory.GetCredential(CasDirectoryAccount.Provisioning);
        var info = new ProcessStartInfo("ldapmodify") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-x", "-H", _directory.GetLdapUrl(), "-D", provisioning.UserName, "-w", provisioning.Password })
            info.ArgumentList.Add(argument);

        Stopwatch clock;
        using (var ldapmodify = Process.Start(info)!)
        {
            clock = Stopwatch.StartNew(); // from the change, not from starting a process
            ldapmodify.StandardInput.Write($"dn: {Lab.ServerDn(_directory, "E2K10-MLT-02")}\nchangetype: modify\nreplace: ipHostNumber\nipHostNumber: 10.2.0.12\n\n");
            ldapmodify.StandardInput.Close();
            var output = ldapmodify.StandardOutput.ReadToEnd() + ldapmodify.StandardError.ReadToEnd();
            ldapmodify.WaitForExit();
            Assert.That(ldapmodify.ExitCode, Is.Zero, output);
        }
        // Within a second is the service's figure (the benchmark measures it); the test allows slow CI machines more.
        Lab.WaitUntil(() => string.Equals(Lab.SiteOf(_directory, "E2K10-MLT-02"), siteB, StringComparison.OrdinalIgnoreCase),
            "the service to move E2K10-MLT-02 to Site-B", TimeSpan.FromSeconds(10));
        TestContext.Progress.WriteLine($"CasDirectory.Testcontainers: ipHostNumber to msExchServerSite in {clock.ElapsedMilliseconds} ms");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "the move is applied within seconds, not at the next reconcile");
    }
}
