using System.Buffers.Binary;
using System.Text;

namespace CasDirectory.Core.Security;

/// <summary>
/// A self-relative security descriptor (MS-DTYP 2.4.6), as nTSecurityDescriptor holds it: owner, group, DACL and SACL,
/// each present only when the reader asked for it (AD's SD flags control). Read-only; <see cref="ToSddl"/> gives SDDL's
/// text, <see cref="Grants"/> evaluates the DACL for a token as a domain controller's access check does.
/// </summary>
public sealed record SecurityDescriptor(ushort Control, SecurityIdentifier? Owner, SecurityIdentifier? Group,
                                        IReadOnlyList<AccessControlEntry>? Dacl, IReadOnlyList<AccessControlEntry>? Sacl)
{
    public const ushort SelfRelative = 0x8000, DaclPresent = 0x0004, SaclPresent = 0x0010, DaclProtected = 0x1000;

    /// <summary>Access rights of directory objects (MS-ADTS 5.1.3.2) and the standard ones (MS-DTYP 2.4.3).</summary>
    public const uint CreateChild = 0x1, DeleteChild = 0x2, ListChildren = 0x4, Self = 0x8, ReadProperty = 0x10,
        WriteProperty = 0x20, DeleteTree = 0x40, ListObject = 0x80, ControlAccess = 0x100, Delete = 0x10000,
        ReadControl = 0x20000, WriteDac = 0x40000, WriteOwner = 0x80000;

    public static SecurityDescriptor Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 20 || bytes[0] != 1)
            throw new FormatException("Not a security descriptor (revision 1, a 20-byte header).");
        var control = BinaryPrimitives.ReadUInt16LittleEndian(bytes[2..]);
        if ((control & SelfRelative) == 0)
            throw new FormatException("Not a self-relative security descriptor.");
        var owner = Sid(bytes, BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]));
        var group = Sid(bytes, BinaryPrimitives.ReadUInt32LittleEndian(bytes[8..]));
        var sacl = (control & SaclPresent) != 0 ? Acl(bytes, BinaryPrimitives.ReadUInt32LittleEndian(bytes[12..])) : null;
        var dacl = (control & DaclPresent) != 0 ? Acl(bytes, BinaryPrimitives.ReadUInt32LittleEndian(bytes[16..])) : null;
        return new SecurityDescriptor(control, owner, group, dacl, sacl);
    }

    private static SecurityIdentifier? Sid(ReadOnlySpan<byte> bytes, uint offset) =>
        offset == 0 ? null : offset < bytes.Length ? SecurityIdentifier.FromBinary(bytes[(int)offset..], out _)
        : throw new FormatException($"A SID offset ({offset}) past the descriptor's {bytes.Length} bytes.");

    private static List<AccessControlEntry>? Acl(ReadOnlySpan<byte> bytes, uint offset)
    {
        if (offset == 0)
            return null; // present but NULL: MS-DTYP's "no protection"
        if (offset + 8 > bytes.Length)
            throw new FormatException($"An ACL offset ({offset}) past the descriptor's {bytes.Length} bytes.");
        var acl = bytes[(int)offset..];
        int size = BinaryPrimitives.ReadUInt16LittleEndian(acl[2..]), count = BinaryPrimitives.ReadUInt16LittleEndian(acl[4..]);
        if (acl[0] is not (2 or 4) || size > acl.Length || size < 8)
            throw new FormatException($"Not an ACL (revision {acl[0]}, {size} bytes).");
        var entries = new List<AccessControlEntry>(count);
        var position = 8;
        for (var i = 0; i < count; i++)
        {
            if (position + 8 > size)
                throw new FormatException($"ACE {i} runs past its ACL's {size} bytes.");
            var ace = acl[position..size];
            var type = (AceType)ace[0];
            var aceSize = BinaryPrimitives.ReadUInt16LittleEndian(ace[2..]);
            if (aceSize < 12 || aceSize > ace.Length || aceSize % 4 != 0)
                throw new FormatException($"ACE {i} has a size of {aceSize} bytes.");
            var body = ace[..aceSize];
            var mask = BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
            Guid? objectType = null, inherited = null;
            var sidAt = 8;
            if (type is AceType.AccessAllowedObject or AceType.AccessDeniedObject or AceType.SystemAuditObject)
            {
                var flags = BinaryPrimitives.ReadUInt32LittleEndian(body[8..]);
                sidAt = 12;
                if ((flags & 1) != 0) { objectType = new Guid(body.Slice(sidAt, 16)); sidAt += 16; }
                if ((flags & 2) != 0) { inherited = new Guid(body.Slice(sidAt, 16)); sidAt += 16; }
            }
            else if (type is not (AceType.AccessAllowed or AceType.AccessDenied or AceType.SystemAudit))
                throw new FormatException($"ACE {i} is of a type ({(byte)type:x2}) a directory object does not hold.");
            var trustee = SecurityIdentifier.FromBinary(body[sidAt..], out var sidLength);
            if (sidAt + sidLength > aceSize)
                throw new FormatException($"ACE {i}'s SID runs past the ACE.");
            entries.Add(new AccessControlEntry(type, ace[1], mask, trustee, objectType, inherited));
            position += aceSize;
        }
        return entries;
    }

    /// <summary>
    /// Whether the DACL grants every bit of <paramref name="rights"/> to a token holding <paramref name="token"/>'s SIDs,
    /// on the object or, for a property right, on the attribute whose schemaIDGUID is <paramref name="objectType"/>:
    /// ACEs in order, a deny of a bit not yet granted refuses it (MS-DTYP 2.5.3.2, without inheritance: none here).
    /// </summary>
    public bool Grants(IReadOnlyCollection<SecurityIdentifier> token, uint rights, Guid? objectType = null)
    {
        if (Dacl is null)
            return (Control & DaclPresent) != 0; // a NULL DACL grants everything; an absent one was not asked for
        uint granted = 0;
        foreach (var ace in Dacl)
        {
            if ((ace.Flags & 0x8) != 0 || !token.Contains(ace.Trustee)) // inherit-only ACEs do not apply here
                continue;
            if (ace.IsObjectAce && ace.ObjectType is { } type && type != objectType)
                continue;
            var bits = ace.Mask & rights & ~granted;
            if (ace.IsDeny && bits != 0)
                return false;
            if (ace.IsAllow)
                granted |= bits;
            if (granted == rights)
                return true;
        }
        return false;
    }

    public string ToSddl(SecurityIdentifier? domain = null)
    {
        var text = new StringBuilder();
        if (Owner is not null) text.Append("O:").Append(SddlNames.Trustee(Owner, domain));
        if (Group is not null) text.Append("G:").Append(SddlNames.Trustee(Group, domain));
        if (Dacl is not null) text.Append("D:").Append((Control & DaclProtected) != 0 ? "P" : "").Append(string.Concat(Dacl.Select(a => a.ToSddl(domain))));
        if (Sacl is not null) text.Append("S:").Append(string.Concat(Sacl.Select(a => a.ToSddl(domain))));
        return text.ToString();
    }
}
