using System.Globalization;
using System.Text.RegularExpressions;

namespace CasDirectory.Core.Servers;

/// <summary>
/// An Exchange product version, e.g. 14.2.247.5 (2010 SP2). AD stores it twice: <c>serialNumber</c>
/// (<c>Version 14.2 (Build 30247.5)</c>: Exchange 2007 and later add 30000 to the build) and the packed
/// integer <c>versionNumber</c>. The shell shows <c>Version 14.2 (Build 247.5)</c>.
/// </summary>
public sealed partial record ServerVersion(int Major, int Minor, int Build, int Revision) : IComparable<ServerVersion>
{
    /// <summary>By major, minor, build and revision: 8.3.83.6 comes before 14.2.247.5 (as text it would not).</summary>
    public int CompareTo(ServerVersion? other) =>
        other is null ? 1
        : (Major, Minor, Build, Revision).CompareTo((other.Major, other.Minor, other.Build, other.Revision));

    private const int StoredBuildOffset = 30000;

    /// <summary>The optional patch text of the long form, e.g. "Service Pack 2" in "Version 6.5 (Build 7638.2: Service Pack 2)".</summary>
    public string? PatchDescription { get; init; }

    /// <summary>Exchange 2010 is major version 14; 2007 is 8; 2003 is 6.</summary>
    public bool IsExchange2010 => Major == 14;

    /// <summary>Parses the dotted form <c>14.2.247.5</c>.</summary>
    public static ServerVersion Parse(string? text) =>
        TryParse(text, out var version) ? version
            : throw new DomainRuleException($"'{text}' is not an Exchange version: use major.minor.build.revision, such as 14.2.247.5.", isMalformedInput: true);

    public static bool TryParse(string? text, out ServerVersion version)
    {
        version = null!;
        var match = DottedPattern().Match(text ?? "");
        if (!match.Success)
            return false;
        int Part(int i) => int.Parse(match.Groups[i].Value, CultureInfo.InvariantCulture);
        if (Part(1) > 63 || Part(2) > 63 || Part(3) > 32767)
            return false;
        version = new ServerVersion(Part(1), Part(2), Part(3), Part(4));
        return true;
    }

    /// <summary>The serialNumber value AD stores.</summary>
    public string ToSerialNumber() =>
        $"Version {Major}.{Minor} (Build {(Major >= 8 ? Build + StoredBuildOffset : Build)}.{Revision})";

    /// <summary>AdminDisplayVersion as Get-ExchangeServer shows it.</summary>
    public string ToAdminDisplayVersion() => $"Version {Major}.{Minor} (Build {Build}.{Revision}{(PatchDescription is null ? "" : ": " + PatchDescription)})";

    /// <summary>The packed versionNumber: build | minor &lt;&lt; 16 | major &lt;&lt; 22 | 0x70008000.</summary>
    public int ToVersionNumber() =>
        (Build & 0x7FFF) | ((Minor & 63) << 16) | ((Major & 63) << 22) | 0x70008000;

    /// <summary>Reads a stored serialNumber (either offset), keeping an optional <c>: patch text</c>.</summary>
    public static bool TryParseSerialNumber(string? serialNumber, out ServerVersion version)
    {
        version = null!;
        var match = SerialPattern().Match(serialNumber ?? "");
        if (!match.Success)
            return false;
        int Part(int i) => int.Parse(match.Groups[i].Value, CultureInfo.InvariantCulture);
        var build = Part(3);
        if (build >= StoredBuildOffset) build -= StoredBuildOffset;
        else if (build >= 10000) build -= 10000;
        version = new ServerVersion(Part(1), Part(2), build, Part(4)) { PatchDescription = match.Groups[5].Success ? match.Groups[5].Value : null };
        return true;
    }

    public override string ToString() => $"{Major}.{Minor}.{Build}.{Revision}";

    [GeneratedRegex(@"^(\d{1,2})\.(\d{1,2})\.(\d{1,5})\.(\d{1,5})$")]
    private static partial Regex DottedPattern();

    [GeneratedRegex(@"^Version (\d+)\.(\d+) \(Build (\d+)\.(\d+)(?:: ([^)]*))?\)$", RegexOptions.IgnoreCase)]
    private static partial Regex SerialPattern();
}
