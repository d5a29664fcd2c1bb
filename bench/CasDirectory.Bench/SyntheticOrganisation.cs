using System.Text;

namespace CasDirectory.Bench;

/// <summary>
/// A synthetic organisation as a casdir script: sites with a /24 subnet and an array each, servers spread over
/// the sites (two multi-role Client Access servers per site, the rest Mailbox), databases spread over the
/// Mailbox servers. Arrays come before databases, as B6 advises.
/// </summary>
public sealed record SyntheticOrganisation(int Sites, int Servers, int Databases)
{
    public string Script()
    {
        var script = new StringBuilder("# synthetic organisation for the benchmark\n");
        for (var site = 1; site <= Sites; site++)
        {
            script.Append($"New-ADReplicationSite -Name Site-{site:000}\n");
            script.Append($"New-ADReplicationSubnet -Name {Subnet(site)}.0/24 -Site Site-{site:000}\n");
            script.Append($"New-ClientAccessArray -Name CASArray-{site:000} -Fqdn outlook-{site:000}.lab.local -Site Site-{site:000}\n");
        }
        var mailboxServers = new List<string>();
        for (var server = 1; server <= Servers; server++)
        {
            var site = (server - 1) % Sites + 1;
            var host = (server - 1) / Sites + 1;
            var name = $"EX{site:000}-{host:00}";
            var roles = host <= 2 ? "Mailbox,ClientAccess,HubTransport" : "Mailbox";
            script.Append($"New-ExchangeServer -Name {name} -Roles {roles} -Version 14.2.247.5 -IPAddress {Subnet(site)}.{10 + host}\n");
            mailboxServers.Add(name);
        }
        for (var database = 1; database <= Databases; database++)
            script.Append($"New-MailboxDatabase -Name MDB{database:00000} -Server {mailboxServers[(database - 1) % mailboxServers.Count]}\n");
        return script.ToString();
    }

    private static string Subnet(int site) => $"10.{site / 256}.{site % 256}";
}
