namespace CasDirectory.Core.Recipients;

/// <summary>msExchRecipientTypeDetails: which kind of recipient (Exchange 2010's values; docs/recipients.md).</summary>
[Flags]
public enum RecipientTypeDetails : long
{
    None = 0,
    UserMailbox = 1,
    LinkedMailbox = 2,
    SharedMailbox = 4,
    LegacyMailbox = 8,
    RoomMailbox = 16,
    EquipmentMailbox = 32,
    MailUser = 128,
    /// <summary>Holds moderation and approval messages (New-Mailbox -Arbitration); Get-Mailbox shows it only with -Arbitration.</summary>
    ArbitrationMailbox = 8388608,
    /// <summary>A discovery search mailbox (New-Mailbox -Discovery).</summary>
    DiscoveryMailbox = 536870912,
}

/// <summary>The msExchRecipientDisplayType Exchange 2010 writes with each kind of mailbox (how Outlook's address book shows it).</summary>
public static class RecipientDisplayTypes
{
    /// <summary>ACLableMailboxUser: a user mailbox that can be granted permissions.</summary>
    public const long AclableMailboxUser = 1073741824;
    public const long MailboxUser = 0;
    public const long ConferenceRoomMailbox = 7;
    public const long EquipmentMailbox = 8;
    public const long ArbitrationMailbox = 10;

    public static long For(RecipientTypeDetails type) => type switch
    {
        RecipientTypeDetails.RoomMailbox => ConferenceRoomMailbox,
        RecipientTypeDetails.EquipmentMailbox => EquipmentMailbox,
        RecipientTypeDetails.SharedMailbox => MailboxUser,
        RecipientTypeDetails.ArbitrationMailbox => ArbitrationMailbox,
        _ => AclableMailboxUser,
    };
}
