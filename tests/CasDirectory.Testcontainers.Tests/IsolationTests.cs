using CasDirectory.Testcontainers.Tests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.Testcontainers.Tests;

/// <summary>Containers started side by side are separate directories: their own data, ports and passwords.</summary>
[TestFixture]
[Category("Container")]
public sealed class IsolationTests
{
    [Test]
    public async Task Two_containers_started_in_parallel_share_nothing()
    {
        await using var first = new CasDirectoryBuilder().WithSampleLab().Build();
        await using var second = new CasDirectoryBuilder().WithSampleLab().Build();
        await Task.WhenAll(first.StartAsync(), second.StartAsync());

        Lab.AssertSucceeded(await first.RunCasdirAsync("New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A"), "New-ClientAccessArray in the first");

        Assert.That(Lab.ArrayNames(first), Is.EqualTo(new[] { "CASArray-A" }));
        Assert.That(Lab.ArrayNames(second), Is.Empty, "the array made in the first container is absent from the second");
        Assert.That(first.GetLdapUrl(), Is.Not.EqualTo(second.GetLdapUrl()));
        Assert.That(first.GetCredential(CasDirectoryAccount.Reader).Password, Is.Not.EqualTo(second.GetCredential(CasDirectoryAccount.Reader).Password));
        Assert.That(first.GetCaCertificate().Thumbprint, Is.Not.EqualTo(second.GetCaCertificate().Thumbprint));
    }
}
