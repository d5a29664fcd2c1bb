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
    public async Task<AutodiscoverAnswer> For(string addressOrLegacyDn, string userDn, CancellationToken cancellation)
    {
        var usn = await directory.Version(cancellation);
        if (await directory.FindMailbox(addressOrLegacyDn, usn, cancellation) is not { } found)
            return new AutodiscoverAnswer.NotFound();
        var (mailbox, profile) = found;
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
        if (await profiles.Record(mailbox, profile, settings, view, cancellation))
            directory.Forget(addressOrLegacyDn);
        return new AutodiscoverAnswer.Settings(settings);
    }
}
