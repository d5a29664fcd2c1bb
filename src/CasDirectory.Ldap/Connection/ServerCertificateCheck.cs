using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using CasDirectory.Ldap.Errors;

namespace CasDirectory.Ldap.Connection;

/// <summary>
/// When libldap could not open an ldaps:// connection it says only "the LDAP server is unavailable". A TLS handshake
/// of our own then checks the certificate against the CA (or the system store) and the host name, and names what is
/// wrong. (libldap verifies the same before any LDAP message, so no bind ever reaches such a server.)
/// </summary>
public static class ServerCertificateCheck
{
    public static void Verify(DirectoryEndpoint endpoint, TimeSpan timeout)
    {
        using var client = new TcpClient();
        try
        {
            if (!client.ConnectAsync(endpoint.Host, endpoint.Port).Wait(timeout))
                throw new DirectoryUnresponsiveException($"{endpoint} did not answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (AggregateException e) when (e.InnerException is SocketException socket)
        {
            throw new LdapConnectFailure($"{endpoint}: {socket.Message}", socket);
        }
        var problem = Handshake(client.GetStream(), endpoint, timeout);
        if (problem == NoCertificate)
            throw new DirectoryRefusedException(DirectoryResult.Other,
                $"The TLS handshake with {endpoint} presented no certificate, so there was none to trust. casdir sent no bind.") { Reason = problem };
        if (problem is not null)
            throw new DirectoryRefusedException(DirectoryResult.Other,
                $"The certificate of {endpoint} is not trusted: {problem}. casdir sent no bind.") { Reason = problem };
    }

    /// <summary>
    /// After libldap failed a StartTLS upgrade the server had accepted: the same upgrade by hand (the extended request,
    /// then a handshake of our own) says what the certificate has wrong ("it does not chain to …", "it is for …, not …"),
    /// <see cref="NoCertificate"/> when the server presented none, or null when the certificate passes (or the check
    /// itself could not be made): then the certificate is not to blame.
    /// </summary>
    public static string? StartTlsProblem(DirectoryEndpoint endpoint, TimeSpan timeout)
    {
        try
        {
            using var client = new TcpClient();
            if (!client.ConnectAsync(endpoint.Host, endpoint.Port).Wait(timeout))
                return null;
            var stream = client.GetStream();
            stream.ReadTimeout = (int)timeout.TotalMilliseconds;
            // ExtendedRequest, message 1, requestName 1.3.6.1.4.1.1466.20037 (RFC 4511 §4.14.1).
            var name = System.Text.Encoding.ASCII.GetBytes("1.3.6.1.4.1.1466.20037");
            stream.Write([0x30, (byte)(name.Length + 7), 0x02, 0x01, 0x01, 0x77, (byte)(name.Length + 2), 0x80, (byte)name.Length, .. name]);
            if (StartTlsResult(stream) != 0)
                return null; // refused this time: no handshake to judge
            return Handshake(stream, endpoint, timeout);
        }
        catch (Exception e) when (e is IOException or SocketException or AggregateException or LdapConnectFailure or DirectoryUnresponsiveException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The resultCode of the server's ExtendedResponse: the first ENUMERATED inside it.</summary>
    private static int StartTlsResult(Stream stream)
    {
        int Next() => stream.ReadByte() is var b and >= 0 ? b : throw new InvalidDataException("the server closed the connection");
        if (Next() != 0x30)
            throw new InvalidDataException("not an LDAP message");
        var length = Next();
        if (length > 0x80)
        {
            var bytes = length & 0x7F;
            length = 0;
            for (var i = 0; i < bytes; i++)
                length = (length << 8) | Next();
        }
        var message = new byte[length];
        stream.ReadExactly(message);
        // messageID (INTEGER), then the ExtendedResponse ([APPLICATION 24]) whose first element is the ENUMERATED resultCode.
        var at = 2 + message[1];
        if (message[0] != 0x02 || at + 1 >= message.Length || message[at] != 0x78)
            throw new InvalidDataException("not an ExtendedResponse");
        at += 2 + (message[at + 1] > 0x80 ? message[at + 1] & 0x7F : 0);
        return at + 2 < message.Length && message[at] == 0x0A && message[at + 1] == 1 ? message[at + 2] : throw new InvalidDataException("no result code");
    }

    /// <summary>A TLS handshake on <paramref name="stream"/>: the certificate's problem, or null when it passes.</summary>
    private static string? Handshake(Stream stream, DirectoryEndpoint endpoint, TimeSpan timeout)
    {
        string? problem = null;
        using var tls = new SslStream(stream, true, (_, certificate, chain, errors) =>
        {
            problem = Problem(endpoint, certificate as X509Certificate2 ?? (certificate is null ? null : new X509Certificate2(certificate)), errors);
            return problem is null;
        });
        try
        {
            if (!tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = endpoint.Host }).Wait(timeout) && problem is null)
                throw new DirectoryUnresponsiveException($"{endpoint} did not complete a TLS handshake within {timeout.TotalSeconds:0.#} s");
        }
        catch (AggregateException) when (problem is not null)
        {
        }
        catch (AggregateException e)
        {
            throw new LdapConnectFailure($"the TLS handshake with {endpoint} failed ({e.GetBaseException().Message})", e);
        }
        return problem;
    }

    public const string NoCertificate = "the server sent none";

    private static string? Problem(DirectoryEndpoint endpoint, X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (certificate is null)
            return NoCertificate;
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            return $"it is for {string.Join(", ", Names(certificate))}, not {endpoint.Host}";
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain.Build(certificate))
            return null; // the system store trusts it
        if (endpoint.CaFile is { } caFile)
        {
            chain.Reset();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(File.ReadAllText(caFile)));
            if (chain.Build(certificate))
                return null;
        }
        var status = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        return endpoint.CaFile is { } file
            ? $"it does not chain to the CA in {file} ({status}); issued by {certificate.Issuer}"
            : $"it does not chain to a CA of the system store ({status}); issued by {certificate.Issuer}. Name the CA with CASDIR_CA_FILE";
    }

    private static IEnumerable<string> Names(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames().Concat(e.EnumerateIPAddresses().Select(a => a.ToString())))
            .DefaultIfEmpty(certificate.GetNameInfo(X509NameType.SimpleName, false));
}

/// <summary>Connecting failed before LDAP (refused, unreachable): the directory is unavailable.</summary>
public sealed class LdapConnectFailure(string message, Exception inner) : System.DirectoryServices.Protocols.LdapException(91, message, inner);
