using System.Diagnostics;
using System.Text;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Replication;

/// <summary>
/// casdir serve through the front end's write endpoint when the writer dies: the address now leads to the mirror, whose
/// access log is its own. The service notices (its subscription's log lacks the record it saw last), reconciles in full,
/// and follows the mirror's pushed log from then on (docs/architecture.md, "Another server behind the address").
/// </summary>
[TestFixture]
[Category("Replication")]
public sealed class ServiceFailoverTests
{
    [Test]
    public void After_the_writer_is_killed_the_service_notices_the_other_server_reconciles_in_full_and_follows_its_log()
    {
        using var lab = new FrontEndLab(consumers: 0);
        using var folder = new TemporaryFolder("casdir-service-failover");
        var updater = lab.A.State.Accounts[DirectoryAccounts.Updater];
        using var service = new ServeProcess(
            [$"--SiteTopology:DomainController={lab.FrontEnd.State.WriteLdapsUrl}", $"--SiteTopology:StateDirectory={folder.Combine("service")}",
             $"--SiteTopology:HttpPrefix=http://127.0.0.1:{FreePort.Next()}/", "--SiteTopology:ReconcileInterval=1.00:00:00"],
            new Dictionary<string, string>
            {
                ["CASDIR_BIND_DN"] = updater.Dn, ["CASDIR_BIND_PASSWORD_FILE"] = updater.PasswordFile, ["CASDIR_CA_FILE"] = lab.FrontEnd.State.CaFile!,
            });
        string Log() => service.Log;
        try
        {
            var config = lab.ConfigurationDn;
            var subnet = $"CN=10.1.0.0/16,CN=Subnets,CN=Sites,{config}";
            string SiteOf(string server)
            {
                using var session = lab.FrontEnd.WriteSession(DirectoryAccounts.Reader);
                return session.Search(config, $"(&(objectClass=msExchExchangeServer)(cn={server}))", System.DirectoryServices.Protocols.SearchScope.Subtree, "msExchServerSite")
                    .Single().Attributes["msExchServerSite"][0] as string ?? "";
            }
            void PointSubnetAt(string site)
            {
                using var session = lab.FrontEnd.WriteSession();
                session.Replace(subnet, "siteObject", $"CN={site},CN=Sites,{config}");
            }
            FrontEndLab.Eventually(() => Log().Contains("Finding "), TimeSpan.FromSeconds(90), $"the service's first pass\n{Log()}");

            // A move on the writer: the service follows its log (and so has seen a record of it).
            PointSubnetAt("Site-B");
            FrontEndLab.Eventually(() => SiteOf("E2K10-MLT-01").StartsWith("CN=Site-B,", StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(30), $"the move on the writer\n{Log()}");
            var writer = lab.FrontEnd.Status().Writer ?? throw new InvalidOperationException("The front end names no writer.");
            var killed = writer.Folder == lab.A.DataDirectory ? lab.A : lab.B;

            lab.Kill(killed);
            FrontEndLab.Eventually(() => Log().Contains("is another server than before"), TimeSpan.FromSeconds(60), $"the switch noticed\n{Log()}");
            // The survivor's pushed log from now on: a move made on it is applied.
            FrontEndLab.Eventually(() =>
            {
                try
                {
                    PointSubnetAt("Site-A");
                    return true;
                }
                catch (Ldap.Errors.DirectoryException)
                {
                    return false; // the front end still switching its writer
                }
            }, TimeSpan.FromSeconds(60), "a write through the front end after the failover");
            FrontEndLab.Eventually(() => SiteOf("E2K10-MLT-01").StartsWith("CN=Site-A,", StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(30), $"the move on the survivor\n{Log()}");

            Assert.That(service.HasExited, Is.False, Log());
        }
        finally
        {
            TestContext.Out.WriteLine(service.Tail());
        }
    }

    [Test]
    public void Given_the_front_ends_folder_the_service_binds_as_the_updater_and_applies_a_move()
    {
        using var lab = new FrontEndLab(consumers: 0);
        using var service = new ServeProcess(["--data", lab.FrontEnd.Folder, $"--SiteTopology:HttpPrefix=http://127.0.0.1:{FreePort.Next()}/"]);
        string Log() => service.Log;
        try
        {
            var config = lab.ConfigurationDn;
            FrontEndLab.Eventually(() => Log().Contains("Finding ") || service.HasExited, TimeSpan.FromSeconds(90), $"the service's first pass\n{Log()}");
            Assert.That(service.HasExited, Is.False, Log());

            using (var session = lab.FrontEnd.WriteSession())
                session.Replace($"CN=10.1.0.0/16,CN=Subnets,CN=Sites,{config}", "siteObject", $"CN=Site-B,CN=Sites,{config}");

            FrontEndLab.Eventually(() =>
            {
                using var session = lab.FrontEnd.WriteSession(DirectoryAccounts.Reader);
                var site = session.Search(config, "(&(objectClass=msExchExchangeServer)(cn=E2K10-MLT-01))", System.DirectoryServices.Protocols.SearchScope.Subtree, "msExchServerSite")
                    .Single().Attributes["msExchServerSite"][0] as string ?? "";
                return site.StartsWith("CN=Site-B,", StringComparison.OrdinalIgnoreCase);
            }, TimeSpan.FromSeconds(30), $"the move through the front end\n{Log()}");
            // The service logs a move after its write is acknowledged, so the line can trail what a reader already sees.
            FrontEndLab.Eventually(() => Log().Contains("Moved E2K10-MLT-01 from Site-A to Site-B"), TimeSpan.FromSeconds(10), $"the service's line for the move\n{Log()}");
        }
        finally
        {
            TestContext.Out.WriteLine(service.Tail());
        }
    }
}
