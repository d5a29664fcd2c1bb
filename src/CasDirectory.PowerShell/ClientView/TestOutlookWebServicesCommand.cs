using System.Management.Automation;
using System.Net;
using CasDirectory.Core.ClientView;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Recipients;
using CasDirectory.Core.Sites;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.ClientView;

/// <summary>
/// <para type="synopsis">Shows, for a mailbox and a client location, every connection Outlook makes and to which name, from the directory alone.</para>
/// <para type="description">Exchange 2010's Test-OutlookWebServices asks Autodiscover and the web services of a live Client
/// Access server. Here the answer comes from the directory (docs/outlook.md): which SCP Autodiscover reads inside (by the
/// client's site, from -ClientSite or -ClientIPAddress through the subnets) or which DNS names outside (-External); the
/// RPC name the mailbox and the address book go to (the database's RpcClientAccessServer: the array once it points at one),
/// tunnelled through Outlook Anywhere from outside; the public folders' Mailbox server; the web service URLs; and, for
/// each name, whether it belongs on the certificate and in external DNS. A recorded Outlook profile that holds another
/// server is shown too (truth 5 of "Demystifying the CAS Array Object").</para>
/// </summary>
/// <example>
/// <code>Test-OutlookWebServices -Identity alex@lab.local</code>
/// <para>Shows Alex's connections from inside the network (Microsoft Learn, Test-OutlookWebServices, Exchange 2010 example, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Test-OutlookWebServices alex -External | ft Protocol,Name,OnCertificate,ExternalDns</code>
/// <para>The same from outside: Autodiscover by DNS, Outlook Anywhere, and the array named only inside the tunnel.</para>
/// </example>
[Cmdlet(VerbsDiagnostic.Test, "OutlookWebServices", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = "Default")]
[OutputType(typeof(Objects.OutlookConnection))]
public sealed class TestOutlookWebServicesCommand : CasDirectoryCmdlet
{
    /// <summary>The mailbox to test (name, alias, address, UPN, DN, GUID), or mailboxes piped in.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(MailboxNameCompleter))]
    public RecipientIdParameter? Identity { get; set; }

    /// <summary>More mailboxes to test, as EMS's -TargetAddress.</summary>
    [Parameter]
    public RecipientIdParameter[]? TargetAddress { get; set; }

    /// <summary>The Client Access server the client asks for Autodiscover, instead of the one its SCP lookup finds.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ClientAccessServerIdParameter? ClientAccessServer { get; set; }

    /// <summary>Accepted as EMS takes it: EMS adds monitoring events for SCOM; the directory has none to add.</summary>
    [Parameter]
    public bool MonitoringContext { get; set; }

    /// <summary>The client's AD site (casdir's): where a domain-joined Outlook runs.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public AdSiteIdParameter? ClientSite { get; set; }

    /// <summary>The client's IP address (casdir's): its site is the most specific subnet's (T1).</summary>
    [Parameter]
    public IPAddress? ClientIPAddress { get; set; }

    /// <summary>A client outside the network (casdir's): no SCP, Autodiscover by DNS, everything through Outlook Anywhere.</summary>
    [Parameter]
    public SwitchParameter External { get; set; }

    protected override void InternalProcessRecord()
    {
        if (External && (ClientSite is not null || ClientIPAddress is not null))
            throw new Core.DomainRuleException("-External is a client outside the network: it has no site; leave out -ClientSite and -ClientIPAddress.", isMalformedInput: true);
        var identities = new[] { Identity }.Concat(TargetAddress ?? []).OfType<RecipientIdParameter>().Select(i => i.RawIdentity).ToList();
        if (identities.Count == 0)
            throw new Core.DomainRuleException("Name the mailbox to test with -Identity (or -TargetAddress): the directory has no test mailbox of its own.", isMalformedInput: true);
        var directory = DataSession;
        var topology = directory.ReadTopology();
        var site = ClientSite is not null ? ObjectLookup.Site(topology.Sites, ClientSite.RawIdentity, directory.Partition)
            : ClientIPAddress is not null ? SiteResolver.SiteFor([ClientIPAddress], topology.Subnets)
            : null;
        var cas = ClientAccessServer is null ? null
            : ObjectLookup.Server(topology.Servers.Where(s => s.HasRole(Core.Servers.ServerRoles.ClientAccess)), ClientAccessServer.RawIdentity, "Client Access server");
        var client = new ClientLocation(External, site, ClientIPAddress?.ToString());
        if (!ShouldProcess(string.Join(", ", identities), $"Test the connections Outlook makes from {client.Describe()}"))
            return;
        foreach (var identity in identities)
        {
            var mailbox = RecipientLookup.Mailbox(directory.ReadMailboxes(), identity);
            CurrentTarget = mailbox.Name;
            var settings = OutlookSettingsResolver.Resolve(topology, mailbox, directory.OrganizationGuid(), directory.DomainControllerName());
            var profile = topology.OutlookProfiles.FirstOrDefault(p => Core.Naming.DistinguishedNames.AreEqual(p.Profile.MailboxDn, mailbox.DistinguishedName))?.Profile;
            WriteVerbose($"{mailbox.Name}, client {client.Describe()}.");
            foreach (var connection in OutlookConnections.For(topology, mailbox, settings, client, profile, cas))
                WriteObject(new Objects.OutlookConnection(connection, External));
        }
    }
}
