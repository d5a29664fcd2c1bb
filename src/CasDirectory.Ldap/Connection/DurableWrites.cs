using System.Globalization;

namespace CasDirectory.Ldap.Connection;

/// <summary>
/// Durable writes (docs/replication.md, "Durable writes"): a write is reported done only once every mirror holds it,
/// since a write the writer acknowledged and had not yet replicated when it died is lost with it. Turned on by
/// CASDIR_DURABLE=1, the module's -Durable or $CasDirectoryDurable, or casdir --durable; CASDIR_DURABLE_TIMEOUT is how
/// long to wait for the mirrors (seconds, default 10).
/// </summary>
/// <param name="Mirrors">The other providers, polled for their contextCSN (the writer itself may be among them: it holds its own writes).</param>
public sealed record DurableWrites(TimeSpan Timeout, IReadOnlyList<DirectoryEndpoint> Mirrors)
{
    public const string Variable = "CASDIR_DURABLE";
    public const string TimeoutVariable = "CASDIR_DURABLE_TIMEOUT";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Whether CASDIR_DURABLE asks for durable writes: 1/true or 0/false/empty; anything else is a usage error.</summary>
    public static bool RequestedByEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        return text?.Trim().ToLowerInvariant() switch
        {
            null or "" or "0" or "false" => false,
            "1" or "true" => true,
            _ => throw new DirectoryTargetException($"{Variable}='{text}' is not 1 (durable writes) or 0.", isUsage: true),
        };
    }

    /// <summary>CASDIR_DURABLE_TIMEOUT in seconds (0.1 to 3600), or the default 10 s.</summary>
    public static TimeSpan TimeoutFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(TimeoutVariable);
        if (string.IsNullOrWhiteSpace(text))
            return DefaultTimeout;
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds < 0.1 || seconds > 3600)
            throw new DirectoryTargetException($"{TimeoutVariable}='{text}' is not a number of seconds between 0.1 and 3600, such as 10.", isUsage: true);
        return TimeSpan.FromSeconds(seconds);
    }
}
