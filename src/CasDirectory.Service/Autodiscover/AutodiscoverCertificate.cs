using System.Security.Cryptography.X509Certificates;
using CasDirectory.Ldap.Local;
using CasDirectory.Service.SiteTopology;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CasDirectory.Service.Autodiscover;

/// <summary>
/// The Autodiscover listener's certificate: the PEM pair Autodiscover:CertificateFile/CertificateKeyFile names, or one
/// issued from the local directory's CA (DIR/tls/autodiscover.crt, key 0600) for the names clients use: every Client
/// Access server's FQDN, autodiscover.&lt;domain&gt;, Autodiscover:HostNames, localhost and the loopback addresses. Never
/// the array's FQDN: Outlook does not reach an array over HTTPS (docs/outlook.md, truth 3).
/// </summary>
public sealed class AutodiscoverCertificate(IOptions<AutodiscoverOptions> options, IOptions<SiteTopologyOptions> site, AutodiscoverDirectory directory, ILogger<AutodiscoverCertificate> logger)
{
    private X509Certificate2? _certificate;
    private readonly Lock _lock = new();

    public X509Certificate2 Load()
    {
        lock (_lock)
            return _certificate ??= Make();
    }

    private X509Certificate2 Make()
    {
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.CertificateFile))
            return X509Certificate2.CreateFromPemFile(settings.CertificateFile, settings.CertificateKeyFile);
        if (string.IsNullOrWhiteSpace(site.Value.DataDirectory))
            throw new InvalidOperationException("Autodiscover needs a certificate: set Autodiscover:CertificateFile and Autodiscover:CertificateKeyFile (PEM), or run with --data DIR to have one issued from the local directory's CA.");
        var data = new DataDirectory(site.Value.DataDirectory);
        var domain = LocalDirectoryState.Load(data).Domain;
        var names = new List<string> { $"autodiscover.{domain}" };
        names.AddRange(settings.HostNames);
        try
        {
            names.AddRange(directory.With(d => d.ReadServersAndArraysUncached().Servers
                .Where(s => s.HasRole(Core.Servers.ServerRoles.ClientAccess) && s.Fqdn is not null).Select(s => s.Fqdn!).ToList(), CancellationToken.None).GetAwaiter().GetResult());
        }
        catch (Exception e) when (e is Ldap.Errors.DirectoryException or System.DirectoryServices.Protocols.LdapException or InvalidOperationException)
        {
            logger.LogWarning("Could not read the Client Access servers' names for the Autodiscover certificate ({Error}); it names autodiscover.{Domain} and Autodiscover:HostNames only", e.Message, domain);
        }
        var certificates = data.Certificates;
        var file = Path.Combine(certificates.Folder, "autodiscover.crt");
        var key = Path.Combine(certificates.Folder, "autodiscover.key");
        if (certificates.EnsureIssued(file, key, names.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), DateTimeOffset.UtcNow))
            logger.LogInformation("Issued the Autodiscover certificate {File} from the directory's CA for {Names}", file, string.Join(", ", names));
        return X509Certificate2.CreateFromPemFile(file, key);
    }
}
