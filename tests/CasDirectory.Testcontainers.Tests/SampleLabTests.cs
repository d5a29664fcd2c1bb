using System.Diagnostics;
using System.DirectoryServices.Protocols;
using CasDirectory.Testcontainers.Tests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.Testcontainers.Tests;

/// <summary>
/// The module as README's "Use it from your tests" shows it: one sample-lab container shared by the fixture, read
/// with System.DirectoryServices.Protocols on the published port and changed through RunCasdirAsync.
/// </summary>
[TestFixture]
[Category("Container")]
public sealed class SampleLabTests
{
    private CasDirectoryContainer _directory = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _directory = new CasDirectoryBuilder().WithSampleLab().Build();
        await _directory.EnsureImageAsync(); // a first use builds the image: not part of the figure below
        var clock = Stopwatch.StartNew();
        await _directory.StartAsync();
        TestContext.Progress.WriteLine($"CasDirectory.Testcontainers: StartAsync to ready in {clock.Elapsed.TotalSeconds:F2} s");
    }

    [OneTimeTearDown]
    public async Task DisposeAsync() => await _directory.DisposeAsync();

    [Test]
    public void The_reader_lists_the_four_lab_servers_over_LDAP()
    {
        Assert.That(_directory.GetLdapUrl(), Does.Match(@"^ldap://127\.0\.0\.1:\d+$"));
        Assert.That(Lab.ExchangeServerNames(_directory), Is.EqualTo(new[] { "E2003-BE", "E2K10-MLT-01", "E2K10-MLT-02", "E2K7-MLT-02" }));
    }

    [Test]
    public async Task An_array_made_with_RunCasdirAsync_is_read_back_over_LDAP()
    {
        var result = await _directory.RunCasdirAsync("New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A");

        Lab.AssertSucceeded(result, "New-ClientAccessArray");
        Assert.That(result.Stdout, Does.Contain("CASArray-A").And.Contain("outlook.lab.local"));
        var array = Lab.Search(_directory, "(&(objectClass=msExchClientAccessArray)(cn=CASArray-A))", "networkAddress", "msExchServerSite").Single();
        Assert.That(array.Attributes["networkAddress"].GetValues(typeof(string)), Does.Contain("ncacn_ip_tcp:outlook.lab.local"));
        Assert.That(Lab.Value(array, "msExchServerSite"), Is.EqualTo(Lab.SiteDn(_directory, "Site-A")).IgnoreCase);
    }

    [Test]
    public async Task A_casdir_error_is_an_exit_code_and_a_message_not_an_exception()
    {
        var result = await _directory.RunCasdirAsync("New-ClientAccessArray -Name CASArray-X -Fqdn x.lab.local -Site Nowhere");

        Assert.That(result.ExitCode, Is.Not.Zero);
        Assert.That(result.Stderr, Does.Contain("Nowhere"));
        Assert.That(Lab.ArrayNames(_directory), Does.Not.Contain("CASArray-X"));
    }

    [Test]
    public void The_reader_account_cannot_write()
    {
        using var reader = Lab.Bind(_directory, CasDirectoryAccount.Reader);
        var change = new ModifyRequest(Lab.ServerDn(_directory, "E2K10-MLT-01"), DirectoryAttributeOperation.Replace, "ipHostNumber", "10.2.0.99");

        var refused = Assert.Throws<DirectoryOperationException>(() => reader.SendRequest(change));
        Assert.That(refused!.Response.ResultCode, Is.EqualTo(ResultCode.InsufficientAccessRights));
    }

    [Test]
    public void Each_account_binds_with_its_own_DN_and_generated_password()
    {
        var credentials = new[] { CasDirectoryAccount.Reader, CasDirectoryAccount.Provisioning, CasDirectoryAccount.Updater }
            .Select(account => (account, credential: _directory.GetCredential(account))).ToList();

        Assert.That(credentials.Select(c => c.credential.UserName), Is.EqualTo(new[]
        {
            "CN=casdir-reader,CN=Users,DC=lab,DC=local", "CN=casdir-provisioning,CN=Users,DC=lab,DC=local", "CN=casdir-updater,CN=Users,DC=lab,DC=local",
        }));
        Assert.That(credentials.Select(c => c.credential.Password).Distinct().Count(), Is.EqualTo(3));
        Assert.That(credentials.Select(c => c.credential.Password), Has.All.Length.GreaterThanOrEqualTo(24));
        foreach (var (account, _) in credentials)
            Assert.DoesNotThrow(() => Lab.Bind(_directory, account).Dispose(), account.ToString());
    }

    [Test]
    public void LDAPS_answers_with_a_certificate_the_containers_CA_issued()
    {
        var caFile = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"casdir-ca-{Guid.NewGuid():N}.crt");
        File.WriteAllText(caFile, _directory.GetCaCertificatePem());
        try
        {
            var reader = _directory.GetCredential(CasDirectoryAccount.Reader);
            var info = new ProcessStartInfo("ldapwhoami") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-x", "-H", _directory.GetLdapsUrl(), "-D", reader.UserName, "-w", reader.Password })
                info.ArgumentList.Add(argument);
            info.Environment["LDAPTLS_CACERT"] = caFile;
            info.Environment["LDAPTLS_REQCERT"] = "demand";
            using var whoami = Process.Start(info)!;
            var output = whoami.StandardOutput.ReadToEnd() + whoami.StandardError.ReadToEnd();
            whoami.WaitForExit();

            Assert.That(_directory.GetLdapsUrl(), Does.Match(@"^ldaps://127\.0\.0\.1:\d+$"));
            Assert.That(whoami.ExitCode, Is.Zero, output);
            Assert.That(output, Does.Contain("dn:CN=casdir-reader").IgnoreCase);
            Assert.That(_directory.GetCaCertificate().Subject, Does.Contain("CasDirectory container CA"));
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    [Test]
    public async Task Published_ports_bind_to_the_hosts_loopback_only()
    {
        var container = await Engine.InspectAsync(_directory.Id);

        var bindings = container.NetworkSettings!.Ports.Where(p => p.Value is not null).SelectMany(p => p.Value).ToList();
        Assert.That(bindings, Is.Not.Empty);
        Assert.That(bindings.Select(b => b.HostIP), Has.All.EqualTo("127.0.0.1"));
    }

    [Test]
    public void The_naming_contexts_follow_the_domain()
    {
        Assert.That(_directory.DefaultNamingContext, Is.EqualTo("DC=lab,DC=local"));
        Assert.That(_directory.ConfigurationNamingContext, Is.EqualTo("CN=Configuration,DC=lab,DC=local"));
    }
}
