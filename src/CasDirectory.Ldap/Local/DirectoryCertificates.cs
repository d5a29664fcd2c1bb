using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CasDirectory.Ldap.Local;

/// <summary>
/// A local directory's private CA and slapd's server certificate, in DIR/tls (README, "TLS"): made with .NET's own
/// cryptography on first start, keys mode 0600. The CA lasts ten years; the server certificate 397 days and is
/// re-issued by <c>casdir up</c> when fewer than 30 remain (or a host name is missing), from the same CA.
/// </summary>
public sealed class DirectoryCertificates(string folder)
{
    public static readonly TimeSpan ServerLifetime = TimeSpan.FromDays(397);
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    public string Folder { get; } = folder;
    public string CaCertificate => Path.Combine(Folder, "ca.crt");
    public string CaKey => Path.Combine(Folder, "ca.key");
    public string ServerCertificate => Path.Combine(Folder, "server.crt");
    public string ServerKey => Path.Combine(Folder, "server.key");

    /// <summary>Makes the CA if there is none and the server certificate if it is missing, near expiry or lacks a name. True when it issued one.</summary>
    public bool EnsureCurrent(IReadOnlyCollection<string> hostNames, DateTimeOffset now) => EnsureIssued(ServerCertificate, ServerKey, hostNames, now);

    /// <summary>
    /// A certificate of this CA at <paramref name="certificateFile"/> (key beside it, 0600) for the given names (and
    /// localhost, 127.0.0.1, ::1): made when missing, near expiry or lacking a name; kept otherwise. True when it issued
    /// one. slapd's certificate is one; the service's Autodiscover listener another.
    /// </summary>
    public bool EnsureIssued(string certificateFile, string keyFile, IReadOnlyCollection<string> hostNames, DateTimeOffset now)
    {
        Directory.CreateDirectory(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (!File.Exists(CaCertificate) || !File.Exists(CaKey))
            CreateAuthority(now);
        if (Load(certificateFile, keyFile) is { } current)
        {
            using (current)
            {
                var names = current.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames()).ToHashSet(StringComparer.OrdinalIgnoreCase);
                if (current.NotAfter.ToUniversalTime() - now.UtcDateTime > RenewBefore && hostNames.All(names.Contains))
                    return false;
            }
        }
        Issue(certificateFile, keyFile, hostNames, now);
        return true;
    }

    /// <summary>A certificate with its key; null when either is missing, unreadable, or the key is not the
    /// certificate's (a crash between writing the two): then a new one is issued.</summary>
    private static X509Certificate2? Load(string certificateFile, string keyFile)
    {
        try
        {
            return File.Exists(certificateFile) && File.Exists(keyFile) ? X509Certificate2.CreateFromPemFile(certificateFile, keyFile) : null;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return null; // (a key that is not the certificate's is an ArgumentException)
        }
    }

    private void CreateAuthority(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=CasDirectory local CA {Guid.NewGuid():N}, O=CasDirectory", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var ca = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        PasswordSecrets.WritePrivateFile(CaKey, key.ExportPkcs8PrivateKeyPem() + "\n");
        AtomicFile.Write(CaCertificate, ca.ExportCertificatePem() + "\n");
    }

    private void Issue(string certificateFile, string keyFile, IReadOnlyCollection<string> hostNames, DateTimeOffset now)
    {
        using var ca = X509Certificate2.CreateFromPemFile(CaCertificate, CaKey);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost, O=CasDirectory", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in hostNames.Prepend("localhost").Distinct(StringComparer.OrdinalIgnoreCase))
            names.AddDnsName(name);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var notAfter = now.Add(ServerLifetime) < ca.NotAfter ? now.Add(ServerLifetime) : new DateTimeOffset(ca.NotAfter);
        using var certificate = request.Create(ca, now.AddMinutes(-5), notAfter, RandomNumberGenerator.GetBytes(16));
        PasswordSecrets.WritePrivateFile(keyFile, key.ExportPkcs8PrivateKeyPem() + "\n");
        AtomicFile.Write(certificateFile, certificate.ExportCertificatePem() + "\n");
    }
}
