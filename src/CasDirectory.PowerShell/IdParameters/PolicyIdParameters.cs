namespace CasDirectory.PowerShell.IdParameters;

// Identities of objects the directory does not model (docs/recipients.md, "Refused"): they bind as EMS binds them, so
// scripts parse, and the cmdlet refuses any value but $null before writing (Core.Recipients.UnmodelledObjects).

/// <summary>A retention, managed folder, ActiveSync or role assignment policy (EMS's MailboxPolicyIdParameter).</summary>
public sealed class MailboxPolicyIdParameter(string identity) : IdParameter(identity);

/// <summary>An address book policy (Exchange 2010 SP2).</summary>
public sealed class AddressBookMailboxPolicyIdParameter(string identity) : IdParameter(identity);

/// <summary>A sharing policy.</summary>
public sealed class SharingPolicyIdParameter(string identity) : IdParameter(identity);

/// <summary>A throttling policy.</summary>
public sealed class ThrottlingPolicyIdParameter(string identity) : IdParameter(identity);

/// <summary>A mailbox plan (Exchange 2010 hosting).</summary>
public sealed class MailboxPlanIdParameter(string identity) : IdParameter(identity);

/// <summary>A Unified Messaging dial plan.</summary>
public sealed class UMDialPlanIdParameter(string identity) : IdParameter(identity);

/// <summary>A disconnected mailbox in a database's store (Remove-Mailbox -StoreMailboxIdentity): the store is not modelled.</summary>
public sealed class StoreMailboxIdParameter(string identity) : IdParameter(identity);

/// <summary>A mailbox or mail user to move (New-MoveRequest): here a mailbox, as the directory holds no mail users.</summary>
public sealed class MailboxOrMailUserIdParameter : IdParameter
{
    public MailboxOrMailUserIdParameter(string identity) : base(identity) { }
    public MailboxOrMailUserIdParameter(Objects.Mailbox mailbox) : base(mailbox.Identity) { }
    public MailboxOrMailUserIdParameter(Objects.MoveRequest request) : base(request.Identity) { }
    public MailboxOrMailUserIdParameter(Objects.ADObjectId id) : base(id) { }
}
