using System.Diagnostics;
using System.DirectoryServices.Protocols;
using CasDirectory.Testcontainers.Tests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.Testcontainers.Tests;

/// <summary>
/// A replicated directory as README's "Use it from your tests" shows it: provider, mirror and one consumer, shared by
/// the fixture, read with System.DirectoryServices.Protocols on each server's published port. The tests run in order:
/// the last one kills the provider.
/// </summary>
[TestFixture]
[Category("Container")]
public sealed class ReplicatedDirectoryTests
{
    private static readonly TimeSpan Replication = TimeSpan.FromSeconds(30);

    private ReplicatedCasDirectory _directory = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _directory = new CasDirectoryBuilder().WithSampleLab().BuildReplicated(consumers: 1);
        await _directory.Provider.EnsureImageAsync(); // a first use builds the image: not part of the figure below
        var clock = Stopwatch.StartNew();
        await _directory.StartAsync();
        TestContext.Progress.WriteLine($"CasDirectory.Testcontainers: a replicated directory (2 providers, 1 consumer) StartAsync to in step in {clock.Elapsed.TotalSeconds:F2} s");
    }

    [OneTimeTearDown]
    public async Task DisposeAsync() => await _directory.DisposeAsync();

    [Test]
    [Order(1)]
    public void Every_server_holds_the_sample_lab_when_StartAsync_returns()
    {
        var urls = _directory.Servers.Select(s => s.GetLdapUrl()).ToList();
        var secureUrls = _directory.Servers.Select(s => s.GetLdapsUrl()).ToList();
        Assert.That(urls, Has.All.Match(@"^ldap://127\.0\.0\.1:\d+$"));
        Assert.That(secureUrls, Has.All.Match(@"^ldaps://127\.0\.0\.1:\d+$"));
        Assert.That(urls.Concat(secureUrls), Is.Unique, "each server has ports of its own");
        foreach (var server in _directory.Servers)
        {
            Assert.That(Lab.ExchangeServerNames(server), Is.EqualTo(new[] { "E2003-BE", "E2K10-MLT-01", "E2K10-MLT-02", "E2K7-MLT-02" }), server.Name);
            Assert.That(server.GetCredential(CasDirectoryAccount.Reader).Password, Is.EqualTo(_directory.GetCredential(CasDirectoryAccount.Reader).Password), "one set of accounts");
            Assert.That(server.GetCaCertificatePem(), Is.EqualTo(_directory.GetCaCertificatePem()), "one CA");
        }
    }

    [Test]
    [Order(2)]
    public async Task A_write_to_the_provider_is_read_on_the_mirror_and_the_consumer()
    {
        Assert.That(await _directory.GetWriterAsync(), Is.SameAs(_directory.Provider));

        var result = await _directory.RunCasdirAsync("New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A");

        Lab.AssertSucceeded(result, "New-ClientAccessArray on the provider");
        Assert.That(Lab.ArrayNames(_directory.Provider), Does.Contain("CASArray-A"));
        foreach (var replica in new[] { _directory.Mirror, _directory.Consumers[0] })
            Lab.WaitUntil(() => Lab.ArrayNames(replica).Contains("CASArray-A"), $"CASArray-A on {_directory.GetNetworkAlias(replica)}", Replication);
    }

    [Test]
    [Order(3)]
    public void A_consumer_refuses_a_write_with_a_referral_to_the_providers()
    {
        var consumer = _directory.Consumers[0];
        using var connection = Lab.Bind(consumer, CasDirectoryAccount.Provisioning);
        connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
        var change = new ModifyRequest(Lab.SiteDn(consumer, "Site-A"), DirectoryAttributeOperation.Replace, "description", "written on a consumer");

        // S.DS.P returns a referral without chasing it as a response, or throws it, depending on the platform.
        DirectoryResponse refused;
        try
        {
            refused = connection.SendRequest(change);
        }
        catch (DirectoryOperationException e)
        {
            refused = e.Response;
        }

        Assert.That(refused.ResultCode, Is.EqualTo(ResultCode.Referral));
        // To both providers by their names on the directory's network (a client there follows it to a writer).
        Assert.That(refused.Referral.Select(u => u.Host).Order(StringComparer.Ordinal), Is.EqualTo(new[] { "ldap-1", "ldap-2" }));
        var site = Lab.Search(consumer, "(&(objectClass=site)(cn=Site-A))", "description").Single();
        Assert.That(Lab.Value(site, "description"), Is.Not.EqualTo("written on a consumer"));
    }

    [Test]
    [Order(4)]
    public async Task The_mirror_takes_writes_when_the_provider_is_killed()
    {
        await _directory.KillAsync(_directory.Provider);

        Assert.That(await _directory.GetWriterAsync(), Is.SameAs(_directory.Mirror));
        var result = await _directory.RunCasdirAsync("New-ClientAccessArray -Name CASArray-B -Fqdn outlook-b.lab.local -Site Site-B");

        Lab.AssertSucceeded(result, "New-ClientAccessArray on the mirror");
        Assert.That(Lab.ArrayNames(_directory.Mirror), Does.Contain("CASArray-B"));
        Lab.WaitUntil(() => Lab.ArrayNames(_directory.Consumers[0]).Contains("CASArray-B"), "CASArray-B on the consumer", Replication);
    }
}
