using System.ComponentModel.DataAnnotations;

namespace CasDirectory.Service.Autodiscover;

/// <summary>
/// Settings of the Autodiscover listener (section "Autodiscover"; CASDIR_Autodiscover__*; --Autodiscover:Name=value).
/// Off unless Url is set. HTTPS only: Basic authentication sends a password, so nothing is answered in clear text.
/// </summary>
public sealed class AutodiscoverOptions : IValidatableObject
{
    public const string Section = "Autodiscover";

    /// <summary>Where to listen: https://127.0.0.1:8443/, or https://+:443/ for every interface. Empty: off.</summary>
    public string? Url { get; set; }

    /// <summary>A PEM certificate to serve (with CertificateKeyFile). Without it, one is issued from the local directory's CA.</summary>
    public string? CertificateFile { get; set; }

    public string? CertificateKeyFile { get; set; }

    /// <summary>Names the issued certificate carries beside the Client Access servers' FQDNs and autodiscover.&lt;domain&gt;.</summary>
    public string[] HostNames { get; set; } = [];

    /// <summary>The largest request body read; a larger one is refused with 413 (Outlook's requests are a few hundred bytes).</summary>
    [Range(1024, 10 * 1024 * 1024)]
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>How long a checked password is remembered (as a keyed hash, in memory), as IIS caches Basic logons; 0 binds every time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan CredentialCacheTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The configuration (servers, databases, virtual directories) is read again when the directory changes, and at least this often.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan TopologyRefresh { get; set; } = TimeSpan.FromSeconds(5);

    public bool IsOn => !string.IsNullOrWhiteSpace(Url);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsOn)
            yield break;
        if (!Http.ListenAddress.TryParse(Url, out var address) || address.Scheme != "https")
            yield return new ValidationResult($"Autodiscover:Url '{Url}' must be an https:// URL ending in '/', such as https://127.0.0.1:8443/ (https://+:443/ for every interface): Basic authentication is never answered in clear text.", [nameof(Url)]);
        else if (address.Port == 0)
            yield return new ValidationResult($"Autodiscover:Url '{Url}' must name its port (1-65535).", [nameof(Url)]);
        if (string.IsNullOrWhiteSpace(CertificateFile) != string.IsNullOrWhiteSpace(CertificateKeyFile))
            yield return new ValidationResult("Set both Autodiscover:CertificateFile and Autodiscover:CertificateKeyFile (PEM), or neither to have one issued from the local directory's CA.",
                [nameof(CertificateFile), nameof(CertificateKeyFile)]);
        foreach (var file in new[] { CertificateFile, CertificateKeyFile }.Where(f => !string.IsNullOrWhiteSpace(f) && !File.Exists(f)))
            yield return new ValidationResult($"Autodiscover certificate file {file} does not exist.", [nameof(CertificateFile)]);
    }
}
