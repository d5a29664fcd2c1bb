using System.Globalization;

namespace CasDirectory.Ldap.Connection;

/// <summary>
/// How long a client waits: for a connection and its bind (CASDIR_CONNECT_TIMEOUT, default 10 s) and for each
/// operation's answer (CASDIR_OPERATION_TIMEOUT, default 30 s). Seconds, e.g. CASDIR_CONNECT_TIMEOUT=2.5.
/// </summary>
public sealed record DirectoryTimeouts(TimeSpan Connect, TimeSpan Operation)
{
    public const string ConnectVariable = "CASDIR_CONNECT_TIMEOUT";
    public const string OperationVariable = "CASDIR_OPERATION_TIMEOUT";

    public static DirectoryTimeouts Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));

    public static DirectoryTimeouts FromEnvironment() =>
        new(Read(ConnectVariable, Default.Connect), Read(OperationVariable, Default.Operation));

    private static TimeSpan Read(string variable, TimeSpan fallback)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0 || seconds > 3600)
            throw new DirectoryTargetException($"{variable}='{text}' is not a number of seconds between 0 and 3600, such as 10.", isUsage: true);
        return TimeSpan.FromSeconds(seconds);
    }
}
