using CasDirectory.Core.ClientView;
using CasDirectory.Core.Recipients;
using Microsoft.Extensions.Logging;

namespace CasDirectory.Service.Autodiscover;

/// <summary>
/// Records, per mailbox, what an Outlook profile made from its Autodiscover answers holds (docs/outlook.md, O8): the first
/// answer's RPC server and proxy, kept as Outlook keeps them (OutlookProfilePolicy), in the mailbox's casdirProfile*
/// attributes. Test-CasTopology then reports profiles a new profile would not match (rule O8). Written only when it changes.
/// </summary>
public sealed class ProfileRecorder(AutodiscoverDirectory directory, ILogger<ProfileRecorder> logger)
{
    /// <summary>Records the profile if this answer changes it; true when it wrote.</summary>
    public async Task<bool> Record(Mailbox mailbox, OutlookProfile? recorded, OutlookSettings answer, AutodiscoverDirectory.View view, CancellationToken cancellation)
    {
        var endpoints = view.Topology.Servers.Select(s => s.Fqdn).Concat(view.Topology.Arrays.Select(a => a.Fqdn)).OfType<string>();
        var next = OutlookProfilePolicy.Next(recorded, mailbox.DistinguishedName, mailbox.Name, mailbox.DatabaseDn, answer, endpoints, DateTimeOffset.UtcNow);
        if (next is null)
            return false;
        try
        {
            await directory.With(d => { d.WriteOutlookProfile(next); return true; }, cancellation);
            if (recorded is not null && !string.Equals(recorded.RpcServer, next.RpcServer, StringComparison.OrdinalIgnoreCase))
                logger.LogInformation("{Mailbox}'s Outlook profile now connects to {Server} (was {Old})", mailbox.Name, next.RpcServer, recorded.RpcServer);
            return true;
        }
        catch (Ldap.Errors.DirectoryException e)
        {
            // The answer stands; only the record of it is missing, and the next answer records it.
            logger.LogWarning("Could not record {Mailbox}'s Outlook profile: {Error}", mailbox.Name, e.Message);
            return false;
        }
    }
}
