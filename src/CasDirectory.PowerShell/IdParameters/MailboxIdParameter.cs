using CasDirectory.PowerShell.Objects;

namespace CasDirectory.PowerShell.IdParameters;

/// <summary>A mailbox, as EMS's MailboxIdParameter: its name, alias, e-mail address, user principal name, DN, legacyExchangeDN, GUID or DOMAIN\sAMAccountName.</summary>
public sealed class MailboxIdParameter : IdParameter
{
    public MailboxIdParameter(string identity) : base(identity) { }
    public MailboxIdParameter(Mailbox mailbox) : base(mailbox.Identity) { }
    public MailboxIdParameter(MoveRequest request) : base(request.Identity) { }
    /// <summary>A mailbox's Identity piped by property name (Get-Mailbox | Set-Mailbox): its DN.</summary>
    public MailboxIdParameter(ADObjectId id) : base(id) { }
}

/// <summary>A user that is not a mailbox yet (Enable-Mailbox), as EMS's UserIdParameter: name, UPN, DN, GUID or DOMAIN\sAMAccountName.</summary>
public sealed class UserIdParameter : IdParameter
{
    public UserIdParameter(string identity) : base(identity) { }
}

/// <summary>A move request: it is named after the mailbox it moves (EMS's MoveRequestIdParameter).</summary>
public sealed class MoveRequestIdParameter : IdParameter
{
    public MoveRequestIdParameter(string identity) : base(identity) { }
    public MoveRequestIdParameter(MoveRequest request) : base(request.Identity) { }
    public MoveRequestIdParameter(Mailbox mailbox) : base(mailbox.Identity) { }
    public MoveRequestIdParameter(ADObjectId id) : base(id) { }
}

/// <summary>An organizational unit or container of the domain (-OrganizationalUnit): its DN or canonical name (lab.local/Users).</summary>
public sealed class OrganizationalUnitIdParameter : IdParameter
{
    public OrganizationalUnitIdParameter(string identity) : base(identity) { }
}
