using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CasDirectory.Ldap.Connection;

/// <summary>
/// A CA certificate as libldap wants it for one connection (docs/rules.md, "The LDAP client on Linux"): a folder
/// holding the PEM under OpenSSL's subject-hash name (<c>&lt;hash&gt;.0</c>), given to S.DS.P as
/// TrustedCertificatesDirectory. The hash is computed here, as <c>openssl x509 -hash</c> does, so nothing is shelled out.
/// </summary>
public static class TrustDirectory
{
    /// <summary>Debian's hashed folder of the system's trusted CAs (ca-certificates).</summary>
    public const string SystemCertificates = "/etc/ssl/certs";

    /// <summary>
    /// The trust folder for <paramref name="caFile"/>: the CA plus the system's hash links, made once per CA under the
    /// temp folder (0700) and reused. Built aside and renamed into place, so concurrent callers never see half of one.
    /// </summary>
    public static string For(string caFile)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
        var parent = Path.Combine(Path.GetTempPath(), $"casdir-trust-{Environment.UserName}");
        var folder = Path.Combine(parent, Convert.ToHexString(SHA256.HashData(ca.RawData))[..16].ToLowerInvariant());
        var marker = Path.Combine(folder, "complete");
        if (File.Exists(marker))
            return folder;
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(parent, Private);
        var staging = $"{folder}.{Guid.NewGuid():N}";
        Directory.CreateDirectory(staging, Private);
        // The system's CAs too (their hash links): CASDIR_CA_FILE adds a CA, it does not replace them.
        if (Directory.Exists(SystemCertificates))
            foreach (var link in Directory.GetFiles(SystemCertificates).Where(f => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(f), @"^[0-9a-f]{8}\.\d+$")))
                File.CreateSymbolicLink(Path.Combine(staging, Path.GetFileName(link)), link);
        var hash = SubjectHash(ca.SubjectName);
        var slot = Enumerable.Range(0, 10).Select(i => Path.Combine(staging, $"{hash}.{i}")).First(path => !File.Exists(path));
        File.WriteAllText(slot, ca.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(staging, "complete"), "");
        try
        {
            if (Directory.Exists(folder) && !File.Exists(marker))
                Directory.Delete(folder, recursive: true); // left half-made by a process that died
            Directory.Move(staging, folder);
        }
        catch (IOException)
        {
            Directory.Delete(staging, recursive: true); // another caller put its copy in place first
        }
        return folder;
    }

    /// <summary>OpenSSL's X509_NAME_hash: SHA-1 of the canonical name (each value a lower-cased UTF8String with spaces
    /// collapsed, the RDN sets concatenated without the outer SEQUENCE), its first four bytes little-endian.</summary>
    public static string SubjectHash(X500DistinguishedName name)
    {
        var reader = new AsnReader(name.RawData, AsnEncodingRules.DER).ReadSequence();
        var writer = new AsnWriter(AsnEncodingRules.DER);
        while (reader.HasData)
        {
            var set = reader.ReadSetOf();
            using (writer.PushSetOf())
            {
                while (set.HasData)
                {
                    var attribute = set.ReadSequence();
                    var oid = attribute.ReadObjectIdentifier();
                    var text = attribute.ReadCharacterString((UniversalTagNumber)attribute.PeekTag().TagValue);
                    var canonical = string.Join(' ', text.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(oid);
                        writer.WriteCharacterString(UniversalTagNumber.UTF8String, canonical);
                    }
                }
            }
        }
        return BitConverter.ToUInt32(SHA1.HashData(writer.Encode()), 0).ToString("x8");
    }
}
