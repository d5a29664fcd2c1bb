using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CasDirectory.Core.Settings;

namespace CasDirectory.Core.Databases;

/// <summary>
/// The properties of a database availability group that New-/Set-DatabaseAvailabilityGroup write, each in the attribute
/// Exchange 2010 keeps it in, with Exchange's default when unset (docs/settings.md). The witness is kept as Exchange
/// keeps it: msExchFileShareWitness holds the share's UNC path, <c>\\server\DAG01.lab.local</c> (the server part is
/// WitnessServer), and msExchFileShareWitnessDirectory the folder on that server.
/// </summary>
/// <remarks>
/// msExchMDBAvailabilityGroupNetworkSettings (ours) is one integer: bits 0–1 NetworkCompression, bits 2–3
/// NetworkEncryption, each field 0 InterSubnetOnly (Exchange's default), 1 SeedOnly, 2 Disabled, 3 Enabled (the
/// NetworkOption number with its bit 1 inverted, so an unset attribute is Exchange's default), and bit 4 (16)
/// DiscoverNetworks: a rediscovery of the DAG networks was asked for. The bits are written from the value read,
/// under an assertion on the entry's entryCSN.
/// </remarks>
public static class DatabaseAvailabilityGroupSettings
{
    public const int DefaultReplicationPort = 64327;
    public const int NetworkSettingsDiscoverBit = 16;

    public static readonly SettingDefinition WitnessServer = new("WitnessServer", "msExchFileShareWitness", new FileShareWitnessSyntax());
    public static readonly SettingDefinition WitnessDirectory = new("WitnessDirectory", "msExchFileShareWitnessDirectory", new LocalDirectorySyntax());
    public static readonly SettingDefinition AlternateWitnessServer = new("AlternateWitnessServer", "msExchAlternateFileShareWitness", new FileShareWitnessSyntax());
    public static readonly SettingDefinition AlternateWitnessDirectory = new("AlternateWitnessDirectory", "msExchAlternateFileShareWitnessDirectory", new LocalDirectorySyntax());
    public static readonly SettingDefinition DatabaseAvailabilityGroupIpAddresses = new("DatabaseAvailabilityGroupIpAddresses", "msExchMDBAvailabilityGroupIPv4Addresses", new IPv4AddressesSyntax());
    public static readonly SettingDefinition DatacenterActivationMode = new("DatacenterActivationMode", "msExchDatacenterActivationMode", new EnumSyntax<DatacenterActivationModeOption>(DatacenterActivationModeOption.Off));
    public static readonly SettingDefinition ReplicationPort = new("ReplicationPort", "msExchMDBAvailabilityGroupReplicationPort", new PortSyntax(DefaultReplicationPort));
    public static readonly SettingDefinition AllowCrossSiteRpcClientAccess = new("AllowCrossSiteRpcClientAccess", "msExchAllowCrossSiteRPCClientAccess", new IntegerBooleanSyntax());
    public static readonly SettingDefinition NetworkCompression = new("NetworkCompression", "msExchMDBAvailabilityGroupNetworkSettings", new NetworkOptionSyntax(0));
    public static readonly SettingDefinition NetworkEncryption = new("NetworkEncryption", "msExchMDBAvailabilityGroupNetworkSettings", new NetworkOptionSyntax(2));
    public static readonly SettingDefinition DiscoverNetworks = new("DiscoverNetworks", "msExchMDBAvailabilityGroupNetworkSettings", new FlagBitSyntax(NetworkSettingsDiscoverBit));
    public static readonly SettingDefinition ThirdPartyReplication = new("ThirdPartyReplication", "msExchThirdPartySynchronousReplication", new ThirdPartyReplicationSyntax());

    /// <summary>What New-DatabaseAvailabilityGroup writes besides its name and addresses.</summary>
    public static IReadOnlyList<SettingDefinition> New { get; } = [WitnessServer, WitnessDirectory, ThirdPartyReplication];

    /// <summary>What Set-DatabaseAvailabilityGroup writes (Exchange 2010 sets ThirdPartyReplication only when creating).</summary>
    public static IReadOnlyList<SettingDefinition> Set { get; } =
    [
        AllowCrossSiteRpcClientAccess, AlternateWitnessDirectory, AlternateWitnessServer, DatabaseAvailabilityGroupIpAddresses,
        DatacenterActivationMode, DiscoverNetworks, NetworkCompression, NetworkEncryption, ReplicationPort, WitnessDirectory, WitnessServer,
    ];

    /// <summary>Every attribute a DAG read fetches for them.</summary>
    public static IReadOnlyList<string> Attributes { get; } = Set.Concat(New).Select(d => d.Attribute).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>
    /// The changes as the directory writes them: a NetworkCompression or NetworkEncryption value becomes its two bits of
    /// msExchMDBAvailabilityGroupNetworkSettings, so the other settings sharing the integer keep their values.
    /// </summary>
    public static IReadOnlyList<SettingChange> ForWriting(IEnumerable<SettingChange> changes) =>
        changes.SelectMany(change => change.Definition.Syntax is NetworkOptionSyntax field ? field.Bits(change) : [change]).ToList();

    /// <summary>The witness share Exchange makes on the witness server: <c>\\server\DAG01.lab.local</c>.</summary>
    public static string WitnessShare(string server, string dagName, string dnsDomain) => $@"\\{server}\{dagName}.{dnsDomain}";

    /// <summary>The server part of a witness share's UNC path, or null.</summary>
    public static string? ServerOf(string? unc) =>
        unc is { Length: > 2 } && unc.StartsWith(@"\\", StringComparison.Ordinal) ? unc[2..].Split('\\')[0] : null;

    /// <summary>
    /// A NonRootLocalLongFullPath: an absolute local path (drive letter, colon, backslash) that is not a drive's root,
    /// at most 260 characters, without the characters Windows refuses in names or empty segments.
    /// </summary>
    public static string RequireLocalDirectory(string? text, string parameter)
    {
        const string Form = "use an absolute local folder that is not a drive's root, such as C:\\DAGFileShareWitnesses\\DAG01.lab.local";
        if (text is null || text.Length is < 4 or > 260 || !char.IsAsciiLetter(text[0]) || text[1] != ':' || text[2] != '\\')
            throw new DomainRuleException($"{parameter} '{text}' is not valid: {Form}.", isMalformedInput: true);
        var segments = text[3..].TrimEnd('\\').Split('\\');
        if (segments.Any(s => s.Length == 0 || s.Trim().Length == 0 || s.EndsWith('.') || s.Any(c => char.IsControl(c) || "<>:\"/|?*".Contains(c))))
            throw new DomainRuleException($"{parameter} '{text}' is not valid: {Form}.", isMalformedInput: true);
        return text.Length > 3 && text.EndsWith('\\') ? text.TrimEnd('\\') : text;
    }

    /// <summary>A FileShareWitnessServerName: a computer's NetBIOS name (at most 15 characters) or its FQDN.</summary>
    public static string RequireWitnessServer(string? text, string parameter)
    {
        var valid = text is { Length: > 0 } && Naming.Fqdn.IsValid(text.Contains('.') ? text : text + ".local") && (text.Contains('.') || text.Length <= 15) && !IPAddress.TryParse(text, out _);
        return valid ? text! : throw new DomainRuleException($"{parameter} '{text}' is not valid: use a server's name (at most 15 characters) or FQDN, such as E2K10-HUB-01 or e2k10-hub-01.lab.local.", isMalformedInput: true);
    }

    /// <summary>A DAG address: an IPv4 address in four decimal octets (0.0.0.0 asks for DHCP, as in Exchange 2010).</summary>
    public static IPAddress RequireIPv4(string? text, string parameter)
    {
        var address = Sites.IpAddresses.Parse(text, parameter);
        return address.AddressFamily == AddressFamily.InterNetwork
            ? address
            : throw new DomainRuleException($"{parameter} '{text}' is not valid: a DAG in Exchange 2010 takes IPv4 addresses, such as 10.1.0.50.", isMalformedInput: true);
    }
}

/// <summary>Set-DatabaseAvailabilityGroup -DatacenterActivationMode (msExchDatacenterActivationMode).</summary>
public enum DatacenterActivationModeOption
{
    Off = 0,
    DagOnly = 1,
}

/// <summary>-NetworkCompression and -NetworkEncryption of a DAG.</summary>
public enum NetworkOption
{
    Disabled = 0,
    Enabled = 1,
    InterSubnetOnly = 2,
    SeedOnly = 3,
}

/// <summary>New-DatabaseAvailabilityGroup -ThirdPartyReplication: a DAG whose copies a third-party product replicates.</summary>
public enum ThirdPartyReplicationMode
{
    Disabled = 0,
    Enabled = 1,
}

/// <summary>A witness share kept as its UNC path; read as its server part (WitnessServer).</summary>
public sealed record FileShareWitnessSyntax : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) => DatabaseAvailabilityGroupSettings.ServerOf(stored.Count == 0 ? null : stored[0]);

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        null or "" => [],
        string unc when DatabaseAvailabilityGroupSettings.ServerOf(unc) is { } server && DatabaseAvailabilityGroupSettings.RequireWitnessServer(server, property) is not null
            && unc.Count(c => c == '\\') == 3 && !unc.EndsWith('\\') && !unc.Any(char.IsControl) => [unc],
        _ => throw Refused(property, value, @"use a share path \\server\share"),
    };
}

/// <summary>A folder on the witness server (NonRootLocalLongFullPath); $null clears it.</summary>
public sealed record LocalDirectorySyntax : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) => stored.Count == 0 ? null : stored[0];

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        null or "" => [],
        string path => [DatabaseAvailabilityGroupSettings.RequireLocalDirectory(path, property)],
        _ => throw Refused(property, value, "use an absolute local folder such as C:\\DAGFileShareWitnesses\\DAG01.lab.local"),
    };
}

/// <summary>The DAG's IPv4 addresses (multi-valued, four decimal octets each); an empty list clears them.</summary>
public sealed record IPv4AddressesSyntax : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) => stored.ToArray();

    public override IReadOnlyList<string> Write(string property, object? value)
    {
        IEnumerable<object?> values = value switch
        {
            null => [],
            string or IPAddress => [value],
            System.Collections.IEnumerable many => many.Cast<object?>(),
            _ => throw Refused(property, value, "use IPv4 addresses such as 10.1.0.50"),
        };
        return values.Select(v => DatabaseAvailabilityGroupSettings.RequireIPv4(v?.ToString(), property).ToString()).Distinct().ToList();
    }
}

/// <summary>A TCP port, 1 to 65535 (UInt16 in EMS); unset is Exchange's default.</summary>
public sealed record PortSyntax(int Unset) : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) => (ushort)Integer(stored, Unset);

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        ushort or int or long when Convert.ToInt64(value, CultureInfo.InvariantCulture) is var n and >= 1 and <= 65535 => [Text(n)],
        _ => throw Refused(property, value, "use a TCP port from 1 to 65535"),
    };
}

/// <summary>ThirdPartyReplicationMode kept as an AD Boolean (TRUE = Enabled).</summary>
public sealed record ThirdPartyReplicationSyntax : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) =>
        stored.Count > 0 && string.Equals(stored[0], "TRUE", StringComparison.OrdinalIgnoreCase) ? ThirdPartyReplicationMode.Enabled : ThirdPartyReplicationMode.Disabled;

    public override IReadOnlyList<string> Write(string property, object? value) => value switch
    {
        ThirdPartyReplicationMode mode when Enum.IsDefined(mode) => [mode == ThirdPartyReplicationMode.Enabled ? "TRUE" : "FALSE"],
        _ => throw Refused(property, value, "use Disabled or Enabled"),
    };
}

/// <summary>A NetworkOption in two bits of msExchMDBAvailabilityGroupNetworkSettings from <paramref name="Shift"/>: 0 InterSubnetOnly, 1 SeedOnly, 2 Disabled, 3 Enabled.</summary>
public sealed record NetworkOptionSyntax(int Shift) : SettingSyntax
{
    public override object? Read(IReadOnlyList<string> stored) => (NetworkOption)(((Integer(stored, 0) >> Shift) & 3) ^ 2);

    public override IReadOnlyList<string> Write(string property, object? value) =>
        throw new InvalidOperationException("A network option is written as its bits (DatabaseAvailabilityGroupSettings.ForWriting).");

    /// <summary>The two bit changes that write <paramref name="change"/>'s value.</summary>
    public IEnumerable<SettingChange> Bits(SettingChange change)
    {
        if (change.Value is not NetworkOption option || !Enum.IsDefined(option))
            throw Refused(change.Definition.Name, change.Value, $"use one of {string.Join(", ", Enum.GetNames<NetworkOption>())}");
        var field = (int)option ^ 2;
        yield return new SettingChange(change.Definition with { Syntax = new FlagBitSyntax(1L << Shift) }, (field & 1) != 0);
        yield return new SettingChange(change.Definition with { Syntax = new FlagBitSyntax(2L << Shift) }, (field & 2) != 0);
    }
}
