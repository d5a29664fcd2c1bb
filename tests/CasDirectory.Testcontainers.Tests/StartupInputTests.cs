using CasDirectory.Testcontainers.Tests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.Testcontainers.Tests;

/// <summary>What the builder takes beside the image: domain, organization, LDIF and casdir scripts applied before StartAsync returns.</summary>
[TestFixture]
[Category("Container")]
public sealed class StartupInputTests
{
    private const string Script = """
        New-ADReplicationSite -Name Paris
        New-ADReplicationSubnet -Name 10.30.0.0/16 -Site Paris
        """;

    [Test]
    public async Task Domain_organization_LDIF_and_scripts_are_all_in_place_when_StartAsync_returns()
    {
        var ldif = """
            dn: CN=Lyon,CN=Sites,CN=Configuration,DC=corp,DC=example,DC=com
            objectClass: top
            objectClass: site
            cn: Lyon

            """;
        await using var directory = new CasDirectoryBuilder()
            .WithDomain("corp.example.com")
            .WithOrganization("Contoso")
            .WithLdif(ldif)
            .WithCasdirScript(Script)
            .Build();
        await directory.StartAsync();

        Assert.That(directory.ConfigurationNamingContext, Is.EqualTo("CN=Configuration,DC=corp,DC=example,DC=com"));
        Assert.That(directory.GetCredential(CasDirectoryAccount.Reader).UserName, Is.EqualTo("CN=casdir-reader,CN=Users,DC=corp,DC=example,DC=com"));
        Assert.That(Lab.Search(directory, "(&(objectClass=msExchOrganizationContainer)(cn=Contoso))", "cn"), Has.Count.EqualTo(1));
        Assert.That(Lab.Search(directory, "(objectClass=site)", "cn").Select(e => Lab.Value(e, "cn")), Is.EquivalentTo(new[] { "Default-First-Site-Name", "Lyon", "Paris" }));
        var subnet = Lab.Search(directory, "(&(objectClass=subnet)(cn=10.30.0.0/16))", "siteObject").Single();
        Assert.That(Lab.Value(subnet, "siteObject"), Is.EqualTo(Lab.SiteDn(directory, "Paris")).IgnoreCase);
        Assert.That(Lab.ExchangeServerNames(directory), Is.Empty, "no sample lab unless WithSampleLab");
    }

    [Test]
    public async Task LDIF_the_directory_refuses_fails_StartAsync_with_slapds_reason()
    {
        var ldif = """
            dn: CN=10.01.0.0/16,CN=Subnets,CN=Sites,CN=Configuration,DC=lab,DC=local
            objectClass: top
            objectClass: subnet
            cn: 10.01.0.0/16

            """;
        await using var directory = new CasDirectoryBuilder().WithLdif(ldif).Build();

        var failure = Assert.ThrowsAsync<CasDirectoryStartupException>(() => directory.StartAsync());

        Assert.That(failure!.Message, Does.StartWith("LDIF #1 given to WithLdif could not be applied as the provisioning account").And.Contain("CIDR"));
    }

    [Test]
    public async Task A_failing_casdir_script_fails_StartAsync_with_casdirs_error()
    {
        await using var directory = new CasDirectoryBuilder().WithSampleLab()
            .WithCasdirScript("New-ClientAccessArray -Name CASArray-X -Fqdn x.lab.local -Site Nowhere").Build();

        var failure = Assert.ThrowsAsync<CasDirectoryStartupException>(() => directory.StartAsync());

        Assert.That(failure!.Message, Does.StartWith("script #1 given to WithCasdirScript failed (casdir exited").And.Contain("Nowhere"));
    }

    [TestCase("lab")]
    [TestCase("lab..local")]
    [TestCase("-lab.local")]
    [TestCase("lab.local; rm -rf /")]
    public void A_domain_that_is_no_DNS_name_is_refused_by_the_builder(string domain)
    {
        var refused = Assert.Throws<ArgumentException>(() => new CasDirectoryBuilder().WithDomain(domain));
        Assert.That(refused!.Message, Does.Contain("is not a DNS domain name"));
    }

    [TestCase("")]
    [TestCase("Contoso/Europe")]
    [TestCase("Contoso,O=Evil")]
    public void An_organization_name_the_directory_cannot_take_is_refused_by_the_builder(string organization)
    {
        var refused = Assert.Throws<ArgumentException>(() => new CasDirectoryBuilder().WithOrganization(organization));
        Assert.That(refused!.Message, Does.Contain("is not an organization name"));
    }

    [Test]
    public void Credentials_asked_for_before_StartAsync_say_to_start_first()
    {
        var directory = new CasDirectoryBuilder().Build();

        var refused = Assert.Throws<InvalidOperationException>(() => directory.GetCredential(CasDirectoryAccount.Reader));
        Assert.That(refused!.Message, Does.Contain("await StartAsync() first"));
    }

    [Test]
    public void An_unreadable_LDIF_file_is_refused_by_the_builder()
    {
        var refused = Assert.Throws<ArgumentException>(() => new CasDirectoryBuilder().WithLdifFile("/nonexistent/lab.ldif"));
        Assert.That(refused!.Message, Does.Contain("The LDIF file '/nonexistent/lab.ldif' cannot be read"));
    }
}
