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
        string? problem = null;
        using var tls = new SslStream(client.GetStream(), false, (_, certificate, chain, errors) =>
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
        if (problem == NoCertificate)
            throw new DirectoryRefusedException(DirectoryResult.Other,
                $"The TLS handshake with {endpoint} presented no certificate, so there was none to trust. casdir sent no bind.") { Reason = problem };
        if (problem is not null)
            throw new DirectoryRefusedException(DirectoryResult.Other,
                $"The certificate of {endpoint} is not trusted: {problem}. casdir sent no bind.") { Reason = problem };
    }

    private const string NoCertificate = "the server sent none";

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
