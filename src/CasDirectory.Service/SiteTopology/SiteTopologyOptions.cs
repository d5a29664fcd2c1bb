using System.ComponentModel.DataAnnotations;

namespace CasDirectory.Service.SiteTopology;

/// <summary>
/// Settings of the site-topology updater (section "SiteTopology" of appsettings.json, CASDIR_SiteTopology__*
/// variables, or --SiteTopology:Name=value). Validated at start.
/// </summary>
public sealed class SiteTopologyOptions : IValidatableObject
{
    public const string Section = "SiteTopology";

    /// <summary>A local directory made by casdir up (its updater account is used).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Or any directory: ldap://host:port, with CASDIR_BIND_DN and CASDIR_BIND_PASSWORD_FILE for the updater account.</summary>
    public string? DomainController { get; set; }

    /// <summary>How the access log is followed: "push" (a sync search slapd pushes each record to, the default) or
    /// "poll" (read every PollInterval; kept to compare with, and for a directory whose log has no syncprov).</summary>
    public string Feed { get; set; } = "push";

    public bool UsesPushedFeed => string.Equals(Feed, "push", StringComparison.OrdinalIgnoreCase);

    /// <summary>With Feed=poll: how often cn=accesslog is polled for changes (Exchange checks every 15 minutes; we aim for about a second).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often everything is recomputed whatever the feed says.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Loopback HTTP endpoint (Kestrel) for /healthz, /readyz and /findings (http://+:port/ in a container); empty turns it off.</summary>
    public string? HttpPrefix { get; set; } = "http://127.0.0.1:3899/";

    /// <summary>/readyz fails when the last successful poll of the feed is older than this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReadyLag { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How far behind the cursor each poll reads again: slapd logs a write when it commits but stamps it with
    /// its start, so a write that started earlier can appear after a later one. Records already seen are skipped.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan FeedOverlap { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>While the access log cannot be read, a full reconcile this often instead of following it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan FallbackInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Where the feed cursor is kept across restarts (default: DataDirectory/service).</summary>
    public string? StateDirectory { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(HttpPrefix) && !IsStatusPrefix(HttpPrefix))
            yield return new ValidationResult($"HttpPrefix '{HttpPrefix}' must be an http:// loopback URL ending in '/', such as http://127.0.0.1:3899/ " +
                                              "(or http://+:3899/ for every interface, in a container whose port is published on loopback).", [nameof(HttpPrefix)]);
        else if (Http.ListenAddress.TryParse(HttpPrefix, out var status) && status.Port == 0)
            yield return new ValidationResult($"HttpPrefix '{HttpPrefix}' must name its port (1-65535): probes and a container's published port need to know it.", [nameof(HttpPrefix)]);
        if (!string.Equals(Feed, "push", StringComparison.OrdinalIgnoreCase) && !string.Equals(Feed, "poll", StringComparison.OrdinalIgnoreCase))
            yield return new ValidationResult($"Feed '{Feed}' must be push (slapd pushes each access-log record) or poll (read every PollInterval).", [nameof(Feed)]);
        if (string.IsNullOrWhiteSpace(DataDirectory) && string.IsNullOrWhiteSpace(DomainController))
            yield return new ValidationResult("Set SiteTopology:DataDirectory (a folder made by 'casdir up', e.g. --data DIR) or SiteTopology:DomainController.",
                [nameof(DataDirectory), nameof(DomainController)]);
        // A front end's folder (casdir frontend) is a directory too: the service then follows whichever provider writes.
        if (!string.IsNullOrWhiteSpace(DataDirectory) && string.IsNullOrWhiteSpace(DomainController) && !new Ldap.Local.DataDirectory(DataDirectory).Exists
            && !Ldap.FrontEnd.FrontEndState.IsIn(DataDirectory))
            yield return new ValidationResult($"DataDirectory {DataDirectory} holds no CasDirectory directory. Create one with: casdir up --data {DataDirectory} " +
                                              "(or give a front end's folder: casdir frontend --data DIR).", [nameof(DataDirectory)]);
        if (!string.IsNullOrWhiteSpace(DomainController) && !IsLdapUrl(DomainController))
            yield return new ValidationResult($"DomainController '{DomainController}' is not an LDAP URL such as ldap://dc.lab.local:389.", [nameof(DomainController)]);
        if (string.IsNullOrWhiteSpace(DataDirectory) && !string.IsNullOrWhiteSpace(DomainController) && string.IsNullOrWhiteSpace(StateDirectory))
            yield return new ValidationResult("With SiteTopology:DomainController, set SiteTopology:StateDirectory for the feed cursor.", [nameof(StateDirectory)]);
    }

    /// <summary>The status endpoint has no authentication: loopback only, or every interface (+ or *) where a container
    /// publishes the port on the host's loopback (README, "Containers").</summary>
    private static bool IsStatusPrefix(string prefix) =>
        Http.ListenAddress.TryParse(prefix, out var address) && address.Scheme == "http" && (address.IsLoopback || address.IsEveryInterface);

    /// <summary>True when the status endpoint listens beyond loopback.</summary>
    public bool StatusOnEveryInterface => Http.ListenAddress.TryParse(HttpPrefix, out var address) && address.IsEveryInterface;

    private static bool IsLdapUrl(string url)
    {
        try
        {
            Ldap.Connection.DirectoryEndpoint.Parse(url.Contains("://") ? url : "ldap://" + url);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public string StateFolder => StateDirectory ?? Path.Combine(DataDirectory!, "service");

    public string CursorFile => Path.Combine(StateFolder, "site-topology.cursor");
}
