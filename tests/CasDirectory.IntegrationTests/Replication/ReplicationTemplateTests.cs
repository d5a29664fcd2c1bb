using System.Text.RegularExpressions;
using CasDirectory.IntegrationTests.Fixtures;
using CasDirectory.Ldap.Local;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Replication;

/// <summary>The replication pieces every directory's slapd.conf includes (docs/replication.md, "Files").</summary>
[TestFixture]
public sealed class ReplicationTemplateTests
{
    [Test]
    public void A_replica_leaves_out_exactly_the_attributes_casdir_guard_computes()
    {
        var guard = File.ReadAllText(RepositoryPaths.Combine("slapd", "guard", "casdir_ad.c"));
        var list = Regex.Match(guard, @"casdir_ad_computed\[\]\s*=\s*\{(?<list>[^}]*)\}").Groups["list"].Value;
        var computed = Regex.Matches(list, "\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        Assert.That(computed, Is.Not.Empty);
        Assert.That(ReplicationFiles.ComputedAttributes, Is.EquivalentTo(computed));
    }

    [Test]
    public void A_new_directory_is_a_standalone_provider_from_birth()
    {
        using var lab = LabDirectory.Start(sample: null);
        var data = new DataDirectory(lab.DataDirectory);
        var config = File.ReadAllText(data.ConfigFile);
        var domain = File.ReadAllText(data.ReplicationDomainFile);

        Assert.That(File.ReadAllText(data.ReplicationServerFile), Does.Match(@"(?m)^serverID\s+1$"));
        Assert.That(config, Does.Contain("include         " + data.ReplicationConfigurationFile).And.Contain("include         " + data.ReplicationDomainFile));
        Assert.That(domain, Does.Contain("overlay         syncprov").And.Not.Contain("syncrepl        rid"));
        Assert.That(domain.IndexOf("access to *", StringComparison.Ordinal), Is.LessThan(domain.IndexOf("overlay", StringComparison.Ordinal)));
        // The include comes before the database's own rules: the replicator's is the first that applies.
        Assert.That(config.IndexOf(data.ReplicationDomainFile, StringComparison.Ordinal), Is.LessThan(config.IndexOf("access to attrs=userPassword", StringComparison.Ordinal)));
        Assert.That(lab.Status.State.EffectiveRole, Is.EqualTo(ReplicaRole.Standalone));
        Assert.That(lab.Status.State.ServerId, Is.EqualTo(1));
        Assert.That(lab.Tools.Run("ldapwhoami", DirectoryAccounts.Replicator, []).ExitCode, Is.Zero, "the replicator account exists from birth");
    }
}
