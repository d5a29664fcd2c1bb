using System.DirectoryServices.Protocols;
using System.Globalization;
using CasDirectory.Core.Settings;

namespace CasDirectory.Ldap.Exchange;

/// <summary>One change of the ActiveDirectory module's -Add/-Remove/-Replace/-Clear/-OtherAttributes, values already checked.</summary>
public sealed record AttributeChange(DirectoryAttributeOperation Operation, string Attribute, IReadOnlyList<object> Values);

/// <summary>Settings: Exchange properties kept one per attribute (docs/settings.md), written in one modify per object.</summary>
public sealed partial class ExchangeDirectory
{
    /// <summary>
    /// Writes the changes (and any <paramref name="alsoReplace"/> attributes) to one entry in one modify, so they all
    /// apply or none does. Flag bits that share an attribute are set from the value read, and the modify carries an
    /// assertion on the entryCSN read with it: a write made meanwhile by someone else fails the change rather than
    /// being overwritten (the cmdlet says so; run it again).
    /// </summary>
    public void WriteSettings(string dn, IReadOnlyList<SettingChange> changes, IReadOnlyDictionary<string, IReadOnlyList<string>>? alsoReplace = null) =>
        ModifyEntry(dn, changes, (alsoReplace ?? new Dictionary<string, IReadOnlyList<string>>())
            .Select(a => new AttributeChange(DirectoryAttributeOperation.Replace, a.Key, [.. a.Value])).ToList());

    /// <summary>
    /// One modify of one entry: first the generic changes in the order given (the module's Remove, Add, Replace, Clear),
    /// then the settings. Flag bits are set from the value read, under an assertion on the entryCSN read with it, so a
    /// write made meanwhile by someone else fails the change rather than being overwritten. Values of binary attributes
    /// (<paramref name="binary"/>, and those EntryValues knows) are base64 and sent as bytes. WriteSettings is this
    /// without generic changes.
    /// </summary>
    public void ModifyEntry(string dn, IReadOnlyList<SettingChange> changes, IReadOnlyList<AttributeChange> generic, params string[] binary)
    {
        var request = new ModifyRequest(dn);
        foreach (var change in generic)
        {
            var modification = new DirectoryAttributeModification { Name = change.Attribute, Operation = change.Operation };
            foreach (var value in change.Values)
            {
                if (value is byte[] bytes)
                    modification.Add(bytes);
                else if (EntryValues.Binary.Contains(change.Attribute))
                    modification.Add(Convert.FromBase64String((string)value));
                else
                    modification.Add((string)value);
            }
            request.Modifications.Add(modification);
        }
        foreach (var change in changes.Where(c => c.Definition.Syntax is not FlagBitSyntax))
        {
            var modification = new DirectoryAttributeModification { Name = change.Definition.Attribute, Operation = DirectoryAttributeOperation.Replace };
            foreach (var value in change.Definition.Syntax.Write(change.Definition.Name, change.Value))
            {
                if (binary.Contains(change.Definition.Attribute, StringComparer.OrdinalIgnoreCase) || EntryValues.Binary.Contains(change.Definition.Attribute))
                    modification.Add(Convert.FromBase64String(value));
                else
                    modification.Add(value);
            }
            request.Modifications.Add(modification);
        }
        var flags = changes.Where(c => c.Definition.Syntax is FlagBitSyntax).GroupBy(c => c.Definition.Attribute, StringComparer.OrdinalIgnoreCase).ToList();
        if (flags.Count > 0)
        {
            var current = Session.Read(dn, [.. flags.Select(f => f.Key), "entryCSN"])
                ?? throw new Errors.DirectoryRefusedException(Errors.DirectoryResult.NoSuchObject, $"The object {dn} does not exist (any more).") { DistinguishedName = dn };
            foreach (var group in flags)
            {
                var value = long.TryParse(current.One(group.Key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : 0;
                foreach (var change in group)
                    value = ((FlagBitSyntax)change.Definition.Syntax).Apply(value, change.Definition.Name, change.Value);
                request.Modifications.Add(new DirectoryAttributeModification { Name = group.Key, Operation = DirectoryAttributeOperation.Replace });
                request.Modifications[^1].Add(value.ToString(CultureInfo.InvariantCulture));
            }
            if (current.One("entryCSN") is { } csn)
                request.Controls.Add(Connection.AssertionControl.Equality("entryCSN", csn));
        }
        if (request.Modifications.Count == 0)
            return;
        Session.Send(request);
        ForgetReads();
    }

    /// <summary>The attribute values a new entry starts with for the settings given (flag bits from 0). Text only: no schedules.</summary>
    private static Dictionary<string, IReadOnlyList<string>> InitialValues(IReadOnlyList<SettingChange> changes)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var change in changes.Where(c => c.Definition.Syntax is not FlagBitSyntax))
            if (change.Definition.Syntax.Write(change.Definition.Name, change.Value) is { Count: > 0 } written)
                values[change.Definition.Attribute] = written;
        foreach (var group in changes.Where(c => c.Definition.Syntax is FlagBitSyntax).GroupBy(c => c.Definition.Attribute, StringComparer.OrdinalIgnoreCase))
            values[group.Key] = [group.Aggregate(0L, (bits, c) => ((FlagBitSyntax)c.Definition.Syntax).Apply(bits, c.Definition.Name, c.Value)).ToString(CultureInfo.InvariantCulture)];
        return values;
    }
}

public sealed partial class ExchangeDirectory
{
    /// <summary>
    /// The DN of the one object of <paramref name="objectClasses"/> below <paramref name="baseDn"/> that
    /// <paramref name="identity"/> names: its DN, or its cn (or mail, for recipients). Null when there is none;
    /// an error when the name is not unique. One search; every value escaped.
    /// </summary>
    public string? FindReference(string identity, string baseDn, IReadOnlyList<string> objectClasses, bool byMail = false)
    {
        var classes = string.Concat(objectClasses.Select(c => $"(objectClass={Core.Naming.LdapEscaping.FilterValue(c)})"));
        var value = Core.Naming.LdapEscaping.FilterValue(identity);
        var names = byMail ? $"(|(cn={value})(mail={value})(sAMAccountName={value}))" : $"(cn={value})";
        if (identity.Contains('=') && identity.Contains(','))
            return Session.Search(identity, $"(|{classes})", SearchScope.Base, e => e.DistinguishedName, "1.1").FirstOrDefault();
        var found = Session.Search(baseDn, $"(&(|{classes}){names})", SearchScope.Subtree, e => e.DistinguishedName, "1.1");
        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw new Core.DomainRuleException($"'{identity}' names {found.Count} objects; give the DN of the one you mean.", isMalformedInput: true),
        };
    }
}
