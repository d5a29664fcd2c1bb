using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Recipients;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// <para type="synopsis">Gives an existing user of the domain a mailbox, in one modify of the user.</para>
/// </summary>
/// <example>
/// <code>Enable-Mailbox 'Jan Kotas' -Database MDB01</code>
/// <para>Makes the existing user Jan Kotas a mailbox in MDB01 (Microsoft Learn, Enable-Mailbox, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsLifecycle.Enable, "Mailbox", SupportsShouldProcess = true, DefaultParameterSetName = "User")]
[OutputType(typeof(Objects.Mailbox))]
public sealed class EnableMailboxCommand : CasDirectoryCmdlet
{
    /// <summary>The user: its name, UPN, DN, GUID or DOMAIN\sAMAccountName.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public UserIdParameter Identity { get; set; } = null!;

    [Parameter] public string? Alias { get; set; }
    [Parameter] public string? DisplayName { get; set; }
    [Parameter] public SmtpAddress? PrimarySmtpAddress { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(DatabaseNameCompleter))]
    public DatabaseIdParameter? Database { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var identity = Identity.RawIdentity;
        if (RecipientLookup.TryMailbox(directory.ReadMailboxes(), identity) is { } existing)
            throw new DomainRuleException($"'{existing.Name}' already has a mailbox (in {DistinguishedNames.FirstValue(existing.DatabaseDn)}).");
        var users = directory.ReadUsersWithoutMailbox();
        var slash = identity.IndexOf('\\');
        var matches = users.Where(u => ObjectName.Same(u.Name, identity) || DistinguishedNames.AreEqual(u.DistinguishedName, identity)
                                       || string.Equals(u.UserPrincipalName, identity, StringComparison.OrdinalIgnoreCase)
                                       || (slash > 0 && string.Equals(u.SamAccountName, identity[(slash + 1)..], StringComparison.OrdinalIgnoreCase))).ToList();
        if (matches.Count == 0)
            throw new ObjectNotFoundException("user", identity);
        if (matches.Count > 1)
            throw new DomainRuleException($"The identity '{ObjectName.Shown(identity)}' matches more than one user ({string.Join(", ", matches.Select(m => m.DistinguishedName))}); use the DN.");
        var user = matches[0];
        CurrentTarget = user.Name;
        var alias = Alias is null ? MailboxProvisioning.AliasFrom(user.Name) : MailboxProvisioning.RequireAlias(Alias);
        var plan = MailboxPlacement.Plan(directory, Database?.RawIdentity, alias, PrimarySmtpAddress, null, RecipientTypeDetails.UserMailbox, user.DistinguishedName, null, null);
        if (!ShouldWrite($"mailbox for \"{user.Name}\"", $"database {DistinguishedNames.FirstValue(plan.DatabaseDn)}, address {plan.PrimarySmtpAddress}"))
            return;
        var mailbox = directory.EnableMailbox(user.DistinguishedName, plan, DisplayName);
        WriteObject(Objects.Mailbox.From(mailbox, directory.ReadDatabases()));
    }
}
