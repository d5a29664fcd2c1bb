namespace CasDirectory.Core.Recipients;

/// <summary>Set-Mailbox -Type and the mailbox kinds it converts between.</summary>
public static class MailboxTypes
{
    public static RecipientTypeDetails From(ConvertibleMailboxSubType type) => type switch
    {
        ConvertibleMailboxSubType.Room => RecipientTypeDetails.RoomMailbox,
        ConvertibleMailboxSubType.Equipment => RecipientTypeDetails.EquipmentMailbox,
        ConvertibleMailboxSubType.Shared => RecipientTypeDetails.SharedMailbox,
        _ => RecipientTypeDetails.UserMailbox,
    };

    /// <summary>Whether the kind's user cannot log on (Exchange disables it): resources, shared, linked, arbitration and discovery mailboxes.</summary>
    public static bool DisabledAccount(RecipientTypeDetails type) => type is not RecipientTypeDetails.UserMailbox;
}
