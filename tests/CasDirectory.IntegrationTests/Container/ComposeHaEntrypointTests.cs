using CasDirectory.IntegrationTests.Fixtures;
using CasDirectory.Ldap.Local;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Container;

/// <summary>
/// docker-compose.ha.yml's settings refused by the entrypoints, run natively (no engine needed): the openldap
/// entrypoint's replication variables and the front end's server lists. Each bad value is one line on stderr, exit 1,
/// and nothing made in the data folder.
/// </summary>
[TestFixture]
[Category("Container")]
public sealed class ComposeHaEntrypointTests
{
    private static ProcessResult RunOpenLdapEntrypoint(string home, IReadOnlyDictionary<string, string> settings)
    {
        var info = ProcessRunner.StartInfo(RepositoryPaths.Combine("docker", "openldap", "entrypoint.sh"), []);
        info.Environment["CASDIR_HOME"] = home;
        info.Environment["CASDIR_ASSETS"] = RepositoryPaths.Root;
        info.Environment["GUARD_PLUGIN"] = DirectoryAssets.Default.GuardPlugin;
        info.Environment["CASDIR_CLIENTS_DIR"] = "";
        info.Environment["SLAPD_USER"] = "";
        info.Environment["LDAP_URLS"] = $"ldap://127.0.0.1:{FreePort.Next()}/";
        foreach (var (name, value) in settings)
            info.Environment[name] = value;
        return ProcessRunner.Run(info, timeout: TimeSpan.FromSeconds(30));
    }

    private static Dictionary<string, string> Settings(string pairs) =>
        pairs.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    [TestCase("CASDIR_SERVER_ID=0", "CASDIR_SERVER_ID must be a number from 1 to 99, not '0'")]
    [TestCase("CASDIR_SERVER_ID=100", "CASDIR_SERVER_ID must be a number from 1 to 99")]
    [TestCase("CASDIR_ROLE=master", "CASDIR_ROLE must be standalone, provider or consumer, not 'master'")]
    [TestCase("CASDIR_INIT=restore", "CASDIR_INIT must be create or join, not 'restore'")]
    [TestCase("CASDIR_ROLE=provider;CASDIR_REPLICATE_FROM=2=ldap://ldap-b:389", "is not ID=ldaps://HOST[:PORT]")]
    [TestCase("CASDIR_ROLE=provider;CASDIR_REPLICATE_FROM=ldaps://ldap-b:636", "is not ID=ldaps://HOST[:PORT]")]
    [TestCase("CASDIR_ROLE=provider;CASDIR_SERVER_ID=2;CASDIR_REPLICATE_FROM=2=ldaps://ldap-b", "has this server's own serverID 2")]
    [TestCase("CASDIR_ROLE=provider;CASDIR_REPLICATE_FROM=2=ldaps://b 3=ldaps://c", "names 2 providers; a provider replicates from its one mirror")]
    [TestCase("CASDIR_ROLE=consumer;CASDIR_REPLICATE_FROM=2=ldaps://b,2=ldaps://c;CASDIR_INIT=join", "names serverID 2 twice")]
    [TestCase("CASDIR_REPLICATE_FROM=2=ldaps://ldap-b", "CASDIR_ROLE is standalone")]
    [TestCase("CASDIR_ROLE=consumer;CASDIR_INIT=join", "CASDIR_ROLE=consumer needs CASDIR_REPLICATE_FROM")]
    [TestCase("CASDIR_ROLE=consumer;CASDIR_SERVER_ID=3;CASDIR_REPLICATE_FROM=1=ldaps://ldap-a", "CASDIR_ROLE=consumer needs CASDIR_INIT=join")]
    [TestCase("CASDIR_ROLE=provider;CASDIR_SERVER_ID=2;CASDIR_INIT=join;CASDIR_REPLICATE_FROM=1=ldaps://ldap-a", "CASDIR_INIT=join needs CASDIR_REPLICA_SECRETS")]
    [TestCase("CASDIR_TLS_NAMES=ldap-a,bad_name", "CASDIR_TLS_NAMES: 'bad_name' is not a DNS name")]
    public void The_openldap_entrypoint_refuses_a_bad_replication_setting_in_one_line_and_makes_nothing(string pairs, string message)
    {
        using var home = new TemporaryFolder("casdir-ha-entrypoint");

        var result = RunOpenLdapEntrypoint(home.Path, Settings(pairs));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), result.Error);
        Assert.That(result.Error, Does.StartWith("casdir-entrypoint: ").And.Contain(message));
        Assert.That(Directory.EnumerateFileSystemEntries(home.Path), Is.Empty, "nothing made");
    }

    [Test]
    public void A_joining_server_gives_up_with_one_line_when_the_creators_secrets_never_appear()
    {
        using var home = new TemporaryFolder("casdir-ha-entrypoint");
        using var secrets = new TemporaryFolder("casdir-ha-secrets");

        var result = RunOpenLdapEntrypoint(home.Path, Settings(
            $"CASDIR_ROLE=provider;CASDIR_SERVER_ID=2;CASDIR_INIT=join;CASDIR_REPLICATE_FROM=1=ldaps://ldap-a:636;CASDIR_REPLICA_SECRETS={secrets.Path};CASDIR_JOIN_TIMEOUT=1"));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), result.Error);
        Assert.That(result.Error, Does.Contain($"{secrets.Path}/ready did not appear within 1 s"));
        Assert.That(Directory.EnumerateFileSystemEntries(home.Path), Is.Empty, "nothing made");
    }

    [Test]
    public void The_openldap_entrypoint_leaves_out_the_same_computed_attributes_as_casdir_up()
    {
        var script = File.ReadAllText(RepositoryPaths.Combine("docker", "openldap", "entrypoint.sh"));
        var match = System.Text.RegularExpressions.Regex.Match(script, "export COMPUTED_ATTRIBUTES=\"([^\"]*)\"");

        Assert.That(match.Success, Is.True, "entrypoint.sh exports COMPUTED_ATTRIBUTES for the syncrepl template's exattrs");
        Assert.That(match.Groups[1].Value.Split(','), Is.EqualTo(ReplicationFiles.ComputedAttributes));
    }

    [TestCase("", "CASDIR_PROVIDERS is empty")]
    [TestCase("ldap-a ldap-b ldap-d", "CASDIR_PROVIDERS names 3 providers; mirror mode has at most 2")]
    [TestCase("ldap_a", "'ldap_a' is not a host name")]
    public void The_front_end_entrypoint_refuses_a_bad_provider_list_in_one_line(string providers, string message)
    {
        using var folder = new TemporaryFolder("casdir-ha-frontend");
        var info = ProcessRunner.StartInfo(RepositoryPaths.Combine("docker", "haproxy", "entrypoint.sh"), []);
        info.Environment["CASDIR_PROVIDERS"] = providers;
        info.Environment["TEMPLATE"] = RepositoryPaths.Combine("haproxy", "haproxy.cfg.template");
        info.Environment["CONFIG"] = Path.Combine(folder.Path, "haproxy.cfg");

        var result = ProcessRunner.Run(info, timeout: TimeSpan.FromSeconds(10));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), result.Error);
        Assert.That(result.Error, Does.StartWith("casdir-frontend: ").And.Contain(message));
        Assert.That(Directory.EnumerateFileSystemEntries(folder.Path), Is.Empty, "no configuration written");
    }
}
