using CasDirectory.PowerShell.Objects;

namespace CasDirectory.PowerShell.IdParameters;

/// <summary>A mailbox or public folder database by name, DN or GUID, or a database piped in.</summary>
public sealed class DatabaseIdParameter : IdParameter
{
    public DatabaseIdParameter(string identity) : base(identity) { }
    public DatabaseIdParameter(ADObjectId id) : base(id) { }
    public DatabaseIdParameter(Database database) : base(database.DistinguishedName) { }
}
