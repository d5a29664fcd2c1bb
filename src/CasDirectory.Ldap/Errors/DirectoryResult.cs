namespace CasDirectory.Ldap.Errors;

/// <summary>The LDAP result codes casdir tells apart (RFC 4511 §4.1.9; 122 is the Assertion control's).</summary>
public enum DirectoryResult
{
    Other = 80,
    Unavailable = 52,
    Busy = 51,
    NoSuchObject = 32,
    EntryAlreadyExists = 68,
    ConstraintViolation = 19,
    AttributeOrValueExists = 20,
    InsufficientAccessRights = 50,
    UnwillingToPerform = 53,
    NotAllowedOnNonLeaf = 66,
    ObjectClassViolation = 65,
    InvalidAttributeSyntax = 21,
    InvalidCredentials = 49,
    AssertionFailed = 122,
}
