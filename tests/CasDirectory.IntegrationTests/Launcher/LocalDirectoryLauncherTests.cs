using System.Net;
using System.Net.Sockets;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using static CasDirectory.IntegrationTests.Fixtures.LabObjects;

namespace CasDirectory.IntegrationTests.Launcher;

/// <summary>The local directory launcher behind <c>casdir up/down/status</c> and the test fixture.</summary>
[TestFixture]
public sealed class LocalDirectoryLauncherTests
{
    private static LocalDirectoryOptions Options(TemporaryFolder folder, int? port = null) => new()
    {
        DataDirectory = folder.Combine("dir"),
        Port = port ?? FreePort.Next(),
    };

    private static int CountSubnets(LdapTools tools) =>
        tools.Entries(DirectoryAccounts.Reader, Partition.SubnetsDn, "(objectClass=subnet)", "one").Count;

    [Test]
    public void A_second_directory_runs_beside_the_first_and_is_independent()
    {
        using var first = LabDirectory.Start();
        using var second = LabDirectory.Start();

        var added = first.Tools.Add(DirectoryAccounts.Provisioning, SubnetLdif("10.3.0.0/16", "Site-B"));

        Assert.That(added.ExitCode, Is.Zero, added.ToString());
        Assert.That(second.Url, Is.Not.EqualTo(first.Url));
        Assert.That(LocalDirectory.Status(first.DataDirectory).Running, Is.True);
        Assert.That(LocalDirectory.Status(second.DataDirectory).Running, Is.True);
        Assert.That(CountSubnets(first.Tools), Is.EqualTo(3));
        Assert.That(CountSubnets(second.Tools), Is.EqualTo(2));
        Assert.That(File.ReadAllText(second.Account(DirectoryAccounts.Reader).PasswordFile),
            Is.Not.EqualTo(File.ReadAllText(first.Account(DirectoryAccounts.Reader).PasswordFile)), "each directory has its own passwords");
    }

    [Test]
    public void Without_a_port_the_default_is_taken_or_the_next_free_one()
    {
        using var folder = new TemporaryFolder();
        using var occupied = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        // Hold the default port if it is free, so the launcher has to move on either way.
        try { occupied.Bind(new IPEndPoint(IPAddress.Loopback, LocalDirectoryOptions.DefaultPort)); occupied.Listen(); } catch (SocketException) { }

        var (_, status) = LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = folder.Combine("dir") });
        try
        {
            Assert.That(status.State.Port, Is.GreaterThan(LocalDirectoryOptions.DefaultPort));
            Assert.That(status.Running, Is.True);
        }
        finally
        {
            LocalDirectory.Down(folder.Combine("dir"));
        }
    }

    [Test]
    public void Stopping_and_starting_again_keeps_the_data_and_the_port()
    {
        using var folder = new TemporaryFolder();
        var options = Options(folder) with { Sample = "lab" };
        var (created, first) = LocalDirectory.Up(options);
        try
        {
            new LdapTools(first).Add(DirectoryAccounts.Provisioning, SubnetLdif("10.3.0.0/16", "Site-B"));

            Assert.That(LocalDirectory.Down(options.DataDirectory), Is.True);
            Assert.That(LocalDirectory.Status(options.DataDirectory).Running, Is.False);
            var (started, second) = LocalDirectory.Up(options with { Port = null, Sample = null });

            Assert.That(created, Is.EqualTo(LocalDirectory.UpOutcome.Created));
            Assert.That(started, Is.EqualTo(LocalDirectory.UpOutcome.Started));
            Assert.That(second.State.Url, Is.EqualTo(first.State.Url));
            Assert.That(CountSubnets(new LdapTools(second)), Is.EqualTo(3));
        }
        finally
        {
            LocalDirectory.Down(options.DataDirectory);
        }
    }

    [Test]
    public void Up_on_a_running_directory_says_it_is_already_running()
    {
        using var lab = LabDirectory.Start(sample: null);

        var (outcome, status) = LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = lab.DataDirectory });

        Assert.That(outcome, Is.EqualTo(LocalDirectory.UpOutcome.AlreadyRunning));
        Assert.That(status.State.Url, Is.EqualTo(lab.Url));
    }

    [Test]
    public void Up_and_down_on_a_folder_another_up_holds_are_busy_and_change_nothing()
    {
        using var lab = LabDirectory.Start(sample: null);
        var pid = lab.Status.ProcessId;

        LocalDirectoryException up, down;
        using (DataDirectoryLock.Acquire(new DataDirectory(lab.DataDirectory), "up"))
        {
            up = Assert.Throws<LocalDirectoryException>(() => LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = lab.DataDirectory }))!;
            down = Assert.Throws<LocalDirectoryException>(() => LocalDirectory.Down(lab.DataDirectory))!;
        }

        Assert.That(up.IsBusy, Is.True);
        Assert.That(down.IsBusy, Is.True);
        Assert.That(down.Message, Does.Contain($"another casdir up is starting the directory in {lab.DataDirectory} (pid {Environment.ProcessId})"));
        Assert.That(LocalDirectory.Status(lab.DataDirectory), Has.Property(nameof(LocalDirectoryStatus.Running)).True.And.Property(nameof(LocalDirectoryStatus.ProcessId)).EqualTo(pid));
    }

    [Test]
    public void Passwords_and_the_slapd_configuration_are_readable_by_their_owner_only()
    {
        using var lab = LabDirectory.Start(sample: null);
        var data = new DataDirectory(lab.DataDirectory);
        const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        foreach (var account in DirectoryAccounts.All)
        {
            Assert.That(File.GetUnixFileMode(data.AccountPasswordFile(account)), Is.EqualTo(OwnerReadWrite), account);
            Assert.That(File.ReadAllText(data.AccountPasswordFile(account)), Has.Length.GreaterThanOrEqualTo(24).And.Not.EndsWith("\n"));
        }
        Assert.That(File.GetUnixFileMode(data.ConfigFile), Is.EqualTo(OwnerReadWrite));
        Assert.That(File.GetUnixFileMode(data.Root) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead), Is.EqualTo(UnixFileMode.None));
        Assert.That(File.ReadAllText(data.ConfigFile), Does.Not.Contain(File.ReadAllText(data.AccountPasswordFile(DirectoryAccounts.Admin))),
            "slapd.conf holds the rootpw hash, never the password");
    }

    [Test]
    public void Accounts_bind_with_the_dn_and_password_files_written_into_the_folder()
    {
        using var lab = LabDirectory.Start(sample: null);
        var data = new DataDirectory(lab.DataDirectory);

        Assert.That(File.ReadAllText(data.UrlFile).Trim(), Is.EqualTo(lab.Url));
        foreach (var account in DirectoryAccounts.All)
        {
            Assert.That(File.ReadAllText(data.AccountDnFile(account)), Is.EqualTo(lab.Account(account).Dn));
            var whoami = lab.Tools.Run("ldapwhoami", account, []);
            Assert.That(whoami.ExitCode, Is.Zero, $"{account}: {whoami}");
            Assert.That(whoami.Output, Does.Contain(lab.Account(account).Dn.Split(',')[0][3..]).IgnoreCase);
        }
    }

    [Test]
    public void A_directory_for_another_domain_and_organisation_has_its_own_tree()
    {
        using var lab = LabDirectory.Start(sample: null, domain: "contoso.com", organization: "Contoso");

        var rootDse = lab.Tools.Entries(LdapTools.Anonymous, "", "(objectClass=*)", "base", "configurationNamingContext").Single();
        var org = lab.Tools.Entries(DirectoryAccounts.Reader, "CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com", "(objectClass=*)", "base").Single();

        Assert.That(rootDse.Value("configurationNamingContext"), Is.EqualTo("CN=Configuration,DC=contoso,DC=com"));
        Assert.That(org.Value("legacyExchangeDN"), Is.EqualTo("/o=Contoso"));
        Assert.That(lab.Status.State.Accounts[DirectoryAccounts.Reader].Dn, Is.EqualTo("CN=casdir-reader,CN=Users,DC=contoso,DC=com"));
    }

    [Test]
    public void Status_json_has_the_documented_shape()
    {
        using var lab = LabDirectory.Start(sample: null);

        using var json = System.Text.Json.JsonDocument.Parse(LocalDirectory.Status(lab.DataDirectory).ToJson());
        var root = json.RootElement;

        Assert.That(root.GetProperty("running").GetBoolean(), Is.True);
        Assert.That(root.GetProperty("url").GetString(), Is.EqualTo(lab.Url));
        Assert.That(root.GetProperty("baseDn").GetString(), Is.EqualTo("DC=lab,DC=local"));
        Assert.That(root.GetProperty("configurationDn").GetString(), Is.EqualTo("CN=Configuration,DC=lab,DC=local"));
        foreach (var account in DirectoryAccounts.All)
        {
            var entry = root.GetProperty("accounts").GetProperty(account);
            Assert.That(entry.GetProperty("dn").GetString(), Is.EqualTo(lab.Account(account).Dn));
            Assert.That(File.Exists(entry.GetProperty("passwordFile").GetString()), Is.True, account);
        }
    }

    [Test]
    public void Missing_slapd_is_reported_with_the_install_command_and_nothing_is_created()
    {
        using var folder = new TemporaryFolder();
        using var empty = new TemporaryFolder();
        var options = Options(folder) with { SlapdSearchPath = [empty.Path] };

        var error = Assert.Throws<LocalDirectoryException>(() => LocalDirectory.Up(options))!;

        Assert.That(error.Message, Does.Contain("slapd was not found").And.Contain("apt-get install -y slapd ldap-utils"));
        Assert.That(Directory.Exists(options.DataDirectory), Is.False);
    }

    [Test]
    public void A_port_in_use_is_refused_clearly_and_leaves_no_half_made_directory()
    {
        using var folder = new TemporaryFolder();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var error = Assert.Throws<LocalDirectoryException>(() => LocalDirectory.Up(Options(folder, port)))!;

        Assert.That(error.Message, Does.Contain($"Port {port} on 127.0.0.1 is in use"));
        Assert.That(new DataDirectory(folder.Combine("dir")).Exists, Is.False);
    }

    [Test]
    public void A_folder_that_cannot_be_written_is_refused()
    {
        using var folder = new TemporaryFolder();
        var file = folder.Combine("a-file");
        File.WriteAllText(file, "not a folder");

        var error = Assert.Throws<LocalDirectoryException>(() => LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = Path.Combine(file, "dir"), Port = FreePort.Next() }))!;

        Assert.That(error.Message, Does.StartWith("Cannot write to"));
    }

    [Test]
    public void A_folder_holding_other_files_is_refused()
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(folder.Combine("dir"));
        File.WriteAllText(folder.Combine("dir/notes.txt"), "mine");

        var error = Assert.Throws<LocalDirectoryException>(() => LocalDirectory.Up(Options(folder)))!;

        Assert.That(error.Message, Does.Contain("is not empty"));
        Assert.That(File.ReadAllText(folder.Combine("dir/notes.txt")), Is.EqualTo("mine"));
        Assert.That(Directory.GetFileSystemEntries(folder.Combine("dir")), Has.Length.EqualTo(1), "not even a lock file is left in someone else's folder");
    }

    [TestCase("lab", TestName = "A_single_label_domain_is_refused")]
    [TestCase("lab..local", TestName = "A_domain_with_an_empty_label_is_refused")]
    [TestCase("-lab.local", TestName = "A_domain_label_starting_with_a_hyphen_is_refused")]
    [TestCase("lab,dc=evil.local", TestName = "A_domain_with_DN_characters_is_refused")]
    public void Bad_domains_are_refused_before_anything_is_written(string domain)
    {
        using var folder = new TemporaryFolder();

        var error = Assert.Throws<LocalDirectoryException>(() => LocalDirectory.Up(Options(folder) with { Domain = domain }))!;

        Assert.That(error.IsInvalidInput, Is.True);
        Assert.That(error.Message, Does.Contain(domain));
        Assert.That(Directory.Exists(folder.Combine("dir")), Is.False);
    }

    [TestCase("Org/Evil", TestName = "An_organisation_with_a_slash_is_refused")]
    [TestCase(" Padded", TestName = "An_organisation_with_a_leading_space_is_refused")]
    public void Bad_organisations_are_refused(string organization)
    {
        using var folder = new TemporaryFolder();

        var error = Assert.Throws<LocalDirectoryException>(() => LocalDirectory.Up(Options(folder) with { Organization = organization }))!;

        Assert.That(error.IsInvalidInput, Is.True);
    }

    [Test]
    public void An_unknown_sample_is_refused_with_the_list_of_samples()
    {
        using var folder = new TemporaryFolder();

        var error = Assert.Throws<LocalDirectoryException>(() => LocalDirectory.Up(Options(folder) with { Sample = "huge" }))!;

        Assert.That(error.Message, Does.Contain("'huge'").And.Contain("lab"));
    }
}
