namespace CasDirectory.PowerShell.IdParameters;

/// <summary>An offline address book (msExchOAB) by name or DN.</summary>
public sealed class OfflineAddressBookIdParameter : IdParameter
{
    public OfflineAddressBookIdParameter(string identity) : base(identity) { }
}
