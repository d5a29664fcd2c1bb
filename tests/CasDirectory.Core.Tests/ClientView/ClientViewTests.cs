using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.ClientView;
using CasDirectory.Core.Servers;
using NUnit.Framework;

namespace CasDirectory.Core.Tests.ClientView;

/// <summary>The client's side computed from directory records alone (docs/outlook.md, O2, O7, O8).</summary>
public sealed class ClientViewTests
{
    [TestCase("8.0.685.0", "720082AD")]
    [TestCase("14.3.123.0", "7383807B")]
    [TestCase("15.0.847.0", "73C0834F")]
    [TestCase("14.2.247.5", "738280F7")]
    public void O2_ServerVersion_encodes_as_the_published_samples(string version, string code) =>
        Assert.That(ServerVersionCode.Encode(ServerVersion.Parse(version)), Is.EqualTo(code));

    private static AutodiscoverScp Scp(string server, params string[] sites) => new(server, $"CN={server}", sites, $"https://{server}.lab.local/Autodiscover/Autodiscover.xml");

    [Test]
    public void O7_SCPs_of_the_clients_site_come_first_then_unscoped_then_the_rest()
    {
        var ranked = AutodiscoverScpRanking.Rank([Scp("CAS-B", "Site-B"), Scp("CAS-U"), Scp("CAS-A2", "Site-A"), Scp("CAS-A1", "Site-A", "Site-B")], "Site-A");

        Assert.That(ranked.Select(r => (r.Scp.ServerName, r.Scope)), Is.EqualTo(new[]
        {
            ("CAS-A1", ScpScope.InSite), ("CAS-A2", ScpScope.InSite), ("CAS-U", ScpScope.Unscoped), ("CAS-B", ScpScope.OtherSite),
        }));
    }

    [Test]
    public void O7_the_same_URL_is_tried_once_and_an_SCP_without_one_not_at_all()
    {
        var ranked = AutodiscoverScpRanking.Rank([Scp("CAS-A", "Site-A"), Scp("CAS-A", "Site-B"), new AutodiscoverScp("CAS-X", "CN=CAS-X", [], null)], "Site-B");

        Assert.That(ranked.Select(r => r.Scp.ServerName), Is.EqualTo(new[] { "CAS-A" }));
        Assert.That(ranked[0].Scope, Is.EqualTo(ScpScope.InSite));
    }

    private static OutlookSettings Answer(string server, string? proxy = "webmail.lab.local") => new()
    {
        User = new AutodiscoverUser("Alex", "/o=Org/cn=alex", Guid.Empty, "alex@lab.local"),
        Exch = new ExchangeRpcProtocol { Server = server, ServerDN = "/o=Org/cn=" + server, ServerVersion = "738280F7", MdbDN = "/o=Org/cn=" + server + "/cn=Microsoft Private MDB" },
        Expr = proxy is null ? null : new OutlookAnywhereProtocol { Server = proxy, Ssl = true, AuthPackage = "Basic" },
        MailboxServer = "e2k10-mlt-01.lab.local",
        MailboxServerDN = "/o=Org/cn=E2K10-MLT-01",
        CasVersion = "14.2.247.5",
    };

    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly OutlookProfile Made = new("CN=alex", "alex", "e2k10-mlt-01.lab.local", "webmail.lab.local", "CN=MDB01", Now.AddDays(-1));
    private static readonly string[] Endpoints = ["e2k10-mlt-01.lab.local", "outlook.lab.local"];

    [Test]
    public void O8_a_first_answer_makes_the_profile()
    {
        var profile = OutlookProfilePolicy.Next(null, "CN=alex", "alex", "CN=MDB01", Answer("e2k10-mlt-01.lab.local"), Endpoints, Now);

        Assert.That(profile, Is.EqualTo(new OutlookProfile("CN=alex", "alex", "e2k10-mlt-01.lab.local", "webmail.lab.local", "CN=MDB01", Now)));
    }

    [Test]
    public void O8_the_profile_keeps_its_server_while_it_answers_when_the_database_is_re_pointed()
    {
        Assert.That(OutlookProfilePolicy.Next(Made, "CN=alex", "alex", "CN=MDB01", Answer("outlook.lab.local"), Endpoints, Now), Is.Null);
    }

    [Test]
    public void O8_a_move_to_another_database_gives_the_profile_the_new_server()
    {
        var profile = OutlookProfilePolicy.Next(Made, "CN=alex", "alex", "CN=MDB02", Answer("outlook.lab.local"), Endpoints, Now);

        Assert.That(profile?.RpcServer, Is.EqualTo("outlook.lab.local"));
        Assert.That(profile?.DatabaseDn, Is.EqualTo("CN=MDB02"));
    }

    [Test]
    public void O8_a_server_gone_from_the_directory_is_replaced_at_the_next_answer()
    {
        var profile = OutlookProfilePolicy.Next(Made, "CN=alex", "alex", "CN=MDB01", Answer("outlook.lab.local"), ["outlook.lab.local"], Now);

        Assert.That(profile?.RpcServer, Is.EqualTo("outlook.lab.local"));
    }

    [Test]
    public void O8_the_proxy_follows_Autodiscover_while_the_rpc_server_stays()
    {
        var profile = OutlookProfilePolicy.Next(Made, "CN=alex", "alex", "CN=MDB01", Answer("outlook.lab.local", proxy: "mail.lab.example"), Endpoints, Now);

        Assert.That(profile?.RpcServer, Is.EqualTo("e2k10-mlt-01.lab.local"));
        Assert.That(profile?.Proxy, Is.EqualTo("mail.lab.example"));
    }
}
