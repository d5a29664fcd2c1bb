using System.DirectoryServices.Protocols;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Naming;

namespace CasDirectory.Ldap.Exchange;

/// <summary>Virtual directories: their settings (VirtualDirectorySettings) are read with them and written with WriteSettings.</summary>
public sealed partial class ExchangeDirectory
{
    /// <summary>What a virtual directory read fetches: its name, classes and every setting's attribute.</summary>
    private static readonly string[] VirtualDirectoryAttributes =
        new[] { "cn", "objectClass", "msExchInternalHostName", "msExchExternalHostName" }.Concat(VirtualDirectorySettings.Attributes).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>Renames a virtual directory entry (Set-OutlookAnywhere -Name): one modify-DN under the same parent.</summary>
    public void RenameVirtualDirectory(VirtualDirectory directory, string newName)
    {
        Session.Send(new ModifyDNRequest(directory.DistinguishedName, DistinguishedNames.Parent(directory.DistinguishedName), "CN=" + LdapEscaping.DnValue(newName)) { DeleteOldRdn = true });
        ForgetReads();
    }

    /// <summary>Removes a virtual directory entry and anything below it (Disable-OutlookAnywhere).</summary>
    public void RemoveVirtualDirectory(VirtualDirectory directory)
    {
        DeleteSubtree(directory.DistinguishedName);
        ForgetReads();
    }
}

public sealed partial class ExchangeDirectory
{
    /// <summary>
    /// Creates the server's Rpc (Default Web Site) object with the settings given, in one add: flag bits that share an
    /// attribute are combined, every value is written by its syntax (so a bad one fails before anything is sent).
    /// </summary>
    public void EnableOutlookAnywhere(Core.Servers.ExchangeServer server, IReadOnlyList<Core.Settings.SettingChange> changes)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var change in changes.Where(c => c.Definition.Syntax is not Core.Settings.FlagBitSyntax))
            values[change.Definition.Attribute] = change.Definition.Syntax.Write(change.Definition.Name, change.Value);
        foreach (var group in changes.Where(c => c.Definition.Syntax is Core.Settings.FlagBitSyntax).GroupBy(c => c.Definition.Attribute, StringComparer.OrdinalIgnoreCase))
            values[group.Key] = [group.Aggregate(0L, (bits, c) => ((Core.Settings.FlagBitSyntax)c.Definition.Syntax).Apply(bits, c.Definition.Name, c.Value)).ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var external = values.Remove("msExchExternalHostName", out var url) ? url.FirstOrDefault() : null;
        AddVirtualDirectory(server.Name, server.Fqdn ?? server.Name, VirtualDirectoryKind.OutlookAnywhere, null, external, Exchange2010ObjectVersion, false,
            values.Where(v => v.Value.Count > 0).Select(v => (v.Key, v.Value)).ToArray());
        ForgetReads();
    }
}
