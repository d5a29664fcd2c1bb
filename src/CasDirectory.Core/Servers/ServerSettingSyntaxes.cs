using System.Globalization;
using System.Text.RegularExpressions;
using CasDirectory.Core.Settings;
using CasDirectory.Core.Values;

namespace CasDirectory.Core.Servers;

/// <summary>A Boolean Exchange keeps as bool? (msExchCustomerFeedbackEnabled): unset reads as $null, and $null clears it.</summary>
public sealed record NullableBooleanSyntax : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) =>
        stored.Count == 0 ? null : string.Equals(stored[0], "TRUE", StringComparison.OrdinalIgnoreCase);

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        null => [],
        bool b => [b ? "TRUE" : "FALSE"],
        _ => throw Refused(property, value, "use $true, $false or $null"),
    };
}

/// <summary>A domain controller's FQDN (dc1.lab.local): a plain host name, no URL or port; $null or '' clears it.</summary>
public sealed record HostNameSyntax : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) => stored.Count == 0 ? null : stored[0];

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        null or "" => [],
        string s when Naming.Fqdn.IsValid(s) => [s],
        _ => throw Refused(property, value, "use the FQDN of a domain controller, such as dc1.lab.local"),
    };
}

/// <summary>Several domain controller FQDNs (MultiValuedProperty&lt;String&gt;); $null or @() clears them.</summary>
public sealed record HostNamesSyntax : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) => new MultiValuedProperty<string>(stored);

    public override IReadOnlyList<string> Write(string property, object? value)
    {
        var values = value switch
        {
            null => [],
            string s => [s],
            IEnumerable<string> many => many.ToList(),
            _ => throw Refused(property, value, "use domain controller FQDNs, such as dc1.lab.local,dc2.lab.local"),
        };
        foreach (var v in values)
            if (!Naming.Fqdn.IsValid(v))
                throw Refused(property, v, "each value must be the FQDN of a domain controller, such as dc1.lab.local");
        return values.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}

/// <summary>A ByteQuantifiedSize kept in bytes, within Exchange's range (IrmLogMaxFileSize: 1 B to 4 GB).</summary>
public sealed record BytesSyntax(ulong Minimum, ulong Maximum, ulong Unset) : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) =>
        new ByteQuantifiedSize(stored.Count > 0 && ulong.TryParse(stored[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : Unset);

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        ByteQuantifiedSize size when size.ToBytes() >= Minimum && size.ToBytes() <= Maximum => [size.ToBytes().ToString(CultureInfo.InvariantCulture)],
        Unlimited<ByteQuantifiedSize> { IsUnlimited: false } limited => Write(property, limited.Value),
        _ => throw Refused(property, value, $"use a size from {new ByteQuantifiedSize(Minimum)} to {new ByteQuantifiedSize(Maximum)}"),
    };
}

/// <summary>An Unlimited&lt;ByteQuantifiedSize&gt; kept in bytes; unset is Unlimited (IrmLogMaxDirectorySize).</summary>
public sealed record UnlimitedBytesSyntax(ulong Minimum, ulong Maximum) : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) =>
        stored.Count > 0 && ulong.TryParse(stored[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? new Unlimited<ByteQuantifiedSize>(new ByteQuantifiedSize(n))
            : Unlimited<ByteQuantifiedSize>.UnlimitedValue;

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        Unlimited<ByteQuantifiedSize> { IsUnlimited: true } => [],
        Unlimited<ByteQuantifiedSize> limited => Write(property, limited.Value),
        ByteQuantifiedSize size when size.ToBytes() >= Minimum && size.ToBytes() <= Maximum => [size.ToBytes().ToString(CultureInfo.InvariantCulture)],
        _ => throw Refused(property, value, $"use Unlimited or a size from {new ByteQuantifiedSize(Minimum)} to {new ByteQuantifiedSize(Maximum)}"),
    };
}

/// <summary>
/// A LocalLongFullPath: a full local Windows directory path (C:\Program Files\Microsoft\Exchange Server\V14\Logging\IRMLogs),
/// a drive letter, no characters Windows refuses in a path, at most 248 characters (a directory); $null clears it.
/// </summary>
public sealed partial record LocalPathSyntax : SettingSyntax
{
    public const int MaximumLength = 248;

    public override object? Read(IReadOnlyList<string> stored) => stored.Count == 0 ? null : stored[0];

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        null or "" => [],
        string s when IsValid(s) => [s],
        _ => throw Refused(property, value, $"use a full local path such as C:\\Logs\\IRM, of at most {MaximumLength} characters"),
    };

    public static bool IsValid(string path) => path.Length <= MaximumLength && LocalPath().IsMatch(path) && !path.Any(char.IsControl);

    [GeneratedRegex(@"^[A-Za-z]:\\([^\\/:*?""<>|]+\\?)*$")]
    private static partial Regex LocalPath();
}

/// <summary>
/// A product key as Set-ExchangeServer -ProductKey takes it: 25 letters and digits in five groups of five
/// (XXXXX-XXXXX-XXXXX-XXXXX-XXXXX). Only its form is checked; it is never stored, logged or shown.
/// </summary>
public static partial class ProductKeys
{
    public static bool IsValid(string? key) => key is not null && KeyForm().IsMatch(key);

    [GeneratedRegex(@"^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){4}$")]
    private static partial Regex KeyForm();

    /// <summary>The licensed edition a server has once a key is entered: a trial edition loses its "Trial"/"Evaluation" mark; others stay.</summary>
    public static string? LicensedEdition(string? edition) => edition switch
    {
        null => null,
        _ when edition.EndsWith("Evaluation", StringComparison.OrdinalIgnoreCase) => edition[..^"Evaluation".Length],
        _ when edition.EndsWith("Trial", StringComparison.OrdinalIgnoreCase) => edition[..^"Trial".Length],
        _ => edition,
    };
}
