namespace CasDirectory.Core.Recipients;

// Exchange 2010's value types of recipient properties, with the integers Exchange stores for them (docs/settings.md,
// "Mailboxes"). The names are EMS's, so scripts written for EMS bind.

/// <summary>Set-Mailbox -ArchiveStatus (msExchArchiveStatus).</summary>
[Flags]
public enum ArchiveStatusFlags
{
    None = 0,
    Active = 1,
}

/// <summary>Set-Mailbox -ExternalOofOptions (msExchExternalOOFOptions): whether external senders get the out-of-office reply.</summary>
public enum ExternalOofOptions
{
    External = 0,
    InternalOnly = 1,
}

/// <summary>Set-Mailbox -RemoteRecipientType (msExchRemoteRecipientType): hybrid provisioning state; only None without an Exchange Online organisation.</summary>
[Flags]
public enum RemoteRecipientType
{
    None = 0,
    ProvisionMailbox = 1,
    ProvisionArchive = 2,
    Migrated = 4,
    DeprovisionMailbox = 8,
    DeprovisionArchive = 16,
}

/// <summary>Set-Mailbox -Type: the mailbox kinds a mailbox may be converted between.</summary>
public enum ConvertibleMailboxSubType
{
    Regular,
    Room,
    Equipment,
    Shared,
}

/// <summary>-SendModerationNotifications: who is told that a message awaits moderation.</summary>
public enum TransportModerationNotificationFlags
{
    Never = 0,
    Internal = 1,
    Always = 3,
}

/// <summary>New-MoveRequest -Priority: High sets the HighPriority flag of msExchMailboxMoveFlags.</summary>
public enum RequestPriority
{
    Normal = 0,
    High = 1,
}

/// <summary>The mailbox operations mailbox audit logging records (-AuditAdmin, -AuditDelegate, -AuditOwner), as flags.</summary>
[Flags]
public enum MailboxAuditOperations
{
    None = 0,
    Update = 1,
    Copy = 2,
    Move = 4,
    MoveToDeletedItems = 8,
    SoftDelete = 16,
    HardDelete = 32,
    FolderBind = 64,
    SendAs = 128,
    SendOnBehalf = 256,
    MessageBind = 512,
}
