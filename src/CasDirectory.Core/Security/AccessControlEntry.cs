using System.Globalization;
using System.Text;

namespace CasDirectory.Core.Security;

/// <summary>The ACE types a directory's security descriptors hold (MS-DTYP 2.4.4.1).</summary>
public enum AceType : byte
{
    AccessAllowed = 0x00,
    AccessDenied = 0x01,
    SystemAudit = 0x02,
    AccessAllowedObject = 0x05,
    AccessDeniedObject = 0x06,
    SystemAuditObject = 0x07,
}

/// <summary>One access control entry: who (<see cref="Trustee"/>) may (or, denied, may not) do what (<see cref="Mask"/>),
/// on the object or, for an object ACE, on one attribute or child class (<see cref="ObjectType"/>).</summary>
public sealed record AccessControlEntry(AceType Type, byte Flags, uint Mask, SecurityIdentifier Trustee, Guid? ObjectType = null, Guid? InheritedObjectType = null)
{
    public bool IsObjectAce => Type is AceType.AccessAllowedObject or AceType.AccessDeniedObject or AceType.SystemAuditObject;
    public bool IsDeny => Type is AceType.AccessDenied or AceType.AccessDeniedObject;
    public bool IsAllow => Type is AceType.AccessAllowed or AceType.AccessAllowedObject;

    /// <summary>SDDL's form: <c>(OA;;WP;guid;;S-1-…)</c>.</summary>
    public string ToSddl(SecurityIdentifier? domain = null)
    {
        var type = Type switch
        {
            AceType.AccessAllowed => "A",
            AceType.AccessDenied => "D",
            AceType.SystemAudit => "AU",
            AceType.AccessAllowedObject => "OA",
            AceType.AccessDeniedObject => "OD",
            AceType.SystemAuditObject => "OU",
            _ => "0x" + ((byte)Type).ToString("X", CultureInfo.InvariantCulture),
        };
        return $"({type};{SddlNames.Flags(Flags)};{SddlNames.Rights(Mask)};{ObjectType?.ToString() ?? ""};{InheritedObjectType?.ToString() ?? ""};{SddlNames.Trustee(Trustee, domain)})";
    }
}

/// <summary>SDDL's abbreviations (MS-DTYP 2.5.1).</summary>
internal static class SddlNames
{
    private static readonly (uint Bit, string Name)[] RightNames =
    [
        (0x1, "CC"), (0x2, "DC"), (0x4, "LC"), (0x8, "SW"), (0x10, "RP"), (0x20, "WP"), (0x40, "DT"), (0x80, "LO"),
        (0x100, "CR"), (0x10000, "SD"), (0x20000, "RC"), (0x40000, "WD"), (0x80000, "WO"),
    ];

    private static readonly (byte Bit, string Name)[] FlagNames =
        [(0x1, "OI"), (0x2, "CI"), (0x4, "NP"), (0x8, "IO"), (0x10, "ID"), (0x40, "SA"), (0x80, "FA")];

    public static string Rights(uint mask)
    {
        var text = new StringBuilder();
        var left = mask;
        foreach (var (bit, name) in RightNames)
            if ((mask & bit) != 0)
            {
                text.Append(name);
                left &= ~bit;
            }
        return left == 0 ? text.ToString() : "0x" + mask.ToString("x", CultureInfo.InvariantCulture);
    }

    public static string Flags(byte flags) => string.Concat(FlagNames.Where(f => (flags & f.Bit) != 0).Select(f => f.Name));

    public static string Trustee(SecurityIdentifier sid, SecurityIdentifier? domain)
    {
        if (sid == SecurityIdentifier.AuthenticatedUsers) return "AU";
        if (sid == SecurityIdentifier.LocalSystem) return "SY";
        if (sid == SecurityIdentifier.Everyone) return "WD";
        if (domain is not null && domain.IsDomain)
        {
            if (sid == domain.Account(SecurityIdentifier.DomainAdminsRid)) return "DA";
            if (sid == domain.Account(SecurityIdentifier.EnterpriseAdminsRid)) return "EA";
        }
        return sid.ToString();
    }
}
