using CasDirectory.Core.Servers;
using CasDirectory.Core.Settings;

namespace CasDirectory.Core.ClientAccess;

/// <summary>
/// The settings Set-ClientAccessServer writes on the server's msExchExchangeServer entry and Get-ClientAccessServer
/// reads back (docs/settings.md). The Autodiscover ones live on the SCP and are not here.
/// <para>Where the names come from: msExchIRMLogPath, msExchIRMLogMaxAge, msExchIRMLogMaxDirectorySize,
/// msExchIRMLogMaxFileSize and msExchTransportFlags (IrmLogEnabled is its bit 1024; unset, the attribute has Exchange's
/// default 17417, which has that bit) are Exchange 2010's (ServerSchema). IsOutOfService: Exchange computes it from
/// msExchProvisioningFlags of the server's computer account (non-zero = out of service); casdir keeps no computer
/// accounts and keeps that attribute on the server entry. casdirAlternateServiceAccount is ours: the user names of
/// the alternate service account credentials, never a password.</para>
/// </summary>
public static class ClientAccessServerSettings
{
    /// <summary>Exchange's value of msExchTransportFlags when unset (TransportServerFlags default).</summary>
    public const long TransportFlagsDefault = 17417;

    /// <summary>IrmLogEnabled: msExchTransportFlags bit 1024 (Exchange); default $true.</summary>
    public static readonly SettingDefinition IrmLogEnabled = new("IrmLogEnabled", "msExchTransportFlags", new FlagBitSyntax(1024));
    /// <summary>IrmLogMaxAge: msExchIRMLogMaxAge (Exchange), seconds; default 30.00:00:00.</summary>
    public static readonly SettingDefinition IrmLogMaxAge = new("IrmLogMaxAge", "msExchIRMLogMaxAge", new SecondsSyntax(TimeSpan.FromSeconds(int.MaxValue), TimeSpan.FromDays(30)));
    /// <summary>IrmLogMaxDirectorySize: msExchIRMLogMaxDirectorySize (Exchange), bytes; default Unlimited.</summary>
    public static readonly SettingDefinition IrmLogMaxDirectorySize = new("IrmLogMaxDirectorySize", "msExchIRMLogMaxDirectorySize", new UnlimitedBytesSyntax(1, long.MaxValue));
    /// <summary>IrmLogMaxFileSize: msExchIRMLogMaxFileSize (Exchange), bytes, 1 B to 4 GB; default 10 MB.</summary>
    public static readonly SettingDefinition IrmLogMaxFileSize = new("IrmLogMaxFileSize", "msExchIRMLogMaxFileSize", new BytesSyntax(1, 4UL << 30, 10UL << 20));
    /// <summary>IrmLogPath: msExchIRMLogPath (Exchange), a full local directory path.</summary>
    public static readonly SettingDefinition IrmLogPath = new("IrmLogPath", "msExchIRMLogPath", new LocalPathSyntax());
    /// <summary>IsOutOfService: msExchProvisioningFlags (on the server entry here), non-zero = out of service.</summary>
    public static readonly SettingDefinition IsOutOfService = new("IsOutOfService", "msExchProvisioningFlags", new IntegerBooleanSyntax());
    /// <summary>The user names of AlternateServiceAccountCredential: casdirAlternateServiceAccount (ours); never a password.</summary>
    public static readonly SettingDefinition AlternateServiceAccount = new("AlternateServiceAccountCredential", "casdirAlternateServiceAccount", new MultiTextSyntax(256));

    /// <summary>The settings given by parameter name (the alternate service account is set from PSCredentials, apart).</summary>
    public static readonly IReadOnlyList<SettingDefinition> All = [IrmLogEnabled, IrmLogMaxAge, IrmLogMaxDirectorySize, IrmLogMaxFileSize, IrmLogPath, IsOutOfService];

    public static IReadOnlyList<string> Attributes { get; } = [.. All.Append(AlternateServiceAccount).Select(d => d.Attribute).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>A setting's value from what the server entry stores, with Exchange's default for unset flags.</summary>
    public static object? Read(SettingDefinition definition, IReadOnlyDictionary<string, IReadOnlyList<string>> stored)
    {
        var values = stored.GetValueOrDefault(definition.Attribute, []);
        if (values.Count == 0 && definition.Attribute == "msExchTransportFlags")
            values = [TransportFlagsDefault.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        return definition.Read(values);
    }
}
