using CasDirectory.Core.ClientView;
using Microsoft.Extensions.Logging;

namespace CasDirectory.Service.Autodiscover;

/// <summary>What Autodiscover answers for one requested address, whatever the protocol that asked (POX or SOAP).</summary>
public abstract record AutodiscoverAnswer
{
    public sealed record Settings(OutlookSettings Value) : AutodiscoverAnswer;
    /// <summary>The address is a secondary one of the mailbox: ask again for its primary.</summary>
    public sealed record Redirect(string PrimarySmtpAddress) : AutodiscoverAnswer;
    public sealed record NotFound : AutodiscoverAnswer;
    /// <summary>The address is another user's mailbox: a user gets only their own settings.</summary>
    public sealed record Forbidden : AutodiscoverAnswer;
    /// <summary>The directory says Outlook cannot open the mailbox (its database or RpcClientAccessServer names nothing).</summary>
    public sealed record Unavailable(string Problem) : AutodiscoverAnswer;
}

/// <summary>
/// Answers an address for an authenticated user (docs/outlook.md, O1–O6): the mailbox read live, the configuration as
/// last read, the settings computed by Core's OutlookSettingsResolver, and what the user's Outlook profile now holds recorded.
/// </summary>
public sealed class AutodiscoverAnswers(AutodiscoverDirectory directory, ProfileRecorder profiles, ILogger<AutodiscoverAnswers> logger)
{
    /// <summary>The longest address an answer is looked up for: an SMTP address has at most 320 characters, a legacyExchangeDN 1024.</summary>
    private const int MaximumIdentity = 1024;

    public async Task<AutodiscoverAnswer> For(string addressOrLegacyDn, string userDn, bool recordProfile, CancellationToken cancellation)
    {
        if (addressOrLegacyDn.Length > (addressOrLegacyDn.StartsWith('/') ? MaximumIdentity : 320) || addressOrLegacyDn.Any(char.IsControl))
            return new AutodiscoverAnswer.NotFound(); // no mailbox has such an address: nothing to ask the directory
        var usn = await directory.Version(cancellation);
        var found = await directory.FindMailbox(addressOrLegacyDn, usn, cancellation);
        if (found.Count == 0)
            return new AutodiscoverAnswer.NotFound();
        if (found.Count > 1)
        {
            // R7 broken by a raw write: answering either recipient could hand one the other's settings.
            logger.LogWarning("Autodiscover: {Address} is held by {Count} recipients ({Names}); answering none", addressOrLegacyDn, found.Count, string.Join(", ", found.Select(f => f.Mailbox.Name)));
            return new AutodiscoverAnswer.Unavailable($"the address is held by more than one recipient; each address belongs to one (rule R7)");
        }
        var (mailbox, profile) = found[0];
        if (!Core.Naming.DistinguishedNames.AreEqual(mailbox.DistinguishedName, userDn))
        {
            logger.LogWarning("Autodiscover: {User} asked for {Mailbox}'s settings", userDn, mailbox.Name);
            return new AutodiscoverAnswer.Forbidden();
        }
        if (!addressOrLegacyDn.StartsWith('/') && mailbox.PrimarySmtpAddress is { } primary && !string.Equals(primary, addressOrLegacyDn, StringComparison.OrdinalIgnoreCase))
            return new AutodiscoverAnswer.Redirect(primary);
        var view = await directory.CurrentView(usn, cancellation);
        OutlookSettings settings;
        try
        {
            settings = OutlookSettingsResolver.Resolve(view.Topology, mailbox, view.DeploymentId, view.DomainController);
        }
        catch (ClientViewException e)
        {
            logger.LogWarning("Autodiscover for {Mailbox}: {Problem}", mailbox.Name, e.Message);
            return new AutodiscoverAnswer.Unavailable(e.Message);
        }
        // Only Outlook's POX request makes a profile; an EWS client asking SOAP does not.
        if (recordProfile && await profiles.Record(mailbox, profile, settings, view, cancellation))
            directory.Forget(addressOrLegacyDn);
        return new AutodiscoverAnswer.Settings(settings);
    }
}
