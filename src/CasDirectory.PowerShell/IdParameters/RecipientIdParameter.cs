namespace CasDirectory.PowerShell.IdParameters;

/// <summary>A recipient (a user, group or contact of the domain) by name, e-mail address, sAMAccountName or DN.</summary>
public sealed class RecipientIdParameter : IdParameter
{
    public RecipientIdParameter(string identity) : base(identity) { }
    public RecipientIdParameter(Objects.Mailbox mailbox) : base(mailbox.Identity) { }
}
