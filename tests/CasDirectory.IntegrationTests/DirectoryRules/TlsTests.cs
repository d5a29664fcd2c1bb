using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.DirectoryRules;

/// <summary>TLS everywhere (README, "TLS"): LDAPS and StartTLS with the directory's own CA; clients verify before they bind.</summary>
[TestFixture]
public sealed class TlsTests : SharedLabTest
{
    private string LdapsUrl => Lab.Status.State.LdapsUrl!;
    private string CaFile => Lab.Status.State.CaFile!;

    private LdapToolResult Search(string url, string caFile, params string[] extra)
    {
        var info = Lab.Tools.StartInfo("ldapsearch", DirectoryAccounts.Reader,
            [.. extra, "-LLL", "-b", Lab.Partition.ConfigurationDn, "(&(objectClass=msExchExchangeServer)(!(objectClass=msExchClientAccessArray)))", "1.1"]);
        info.ArgumentList[info.ArgumentList.IndexOf("-H") + 1] = url;
        info.Environment.Remove("LDAPNOINIT"); // it would make libldap ignore LDAPTLS_CACERT too
        info.Environment["LDAPTLS_CACERT"] = caFile;
        var (code, output, error) = ProcessRunner.Run(info);
        return new LdapToolResult(code, output, error);
    }

    /// <summary>A CA of our own, not the directory's, and a certificate it issues for <paramref name="name"/>.</summary>
    private static (X509Certificate2 Ca, X509Certificate2 Server) OtherCa(string name)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Some other CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(name, out var address))
            names.AddIpAddress(address);
        else
            names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30), RandomNumberGenerator.GetBytes(8));
        return (ca, X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(key).Export(X509ContentType.Pfx), null));
    }

    [Test]
    public void Ldapsearch_over_LDAPS_with_the_directorys_CA_lists_the_lab_servers()
    {
        var result = Search(LdapsUrl, CaFile);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(LdifEntry.Parse(result.Output), Has.Count.EqualTo(4));
    }

    [Test]
    public void Ldapsearch_over_LDAPS_with_another_CA_fails()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.Combine("other.crt"), OtherCa("x").Ca.ExportCertificatePem());

        var result = Search(LdapsUrl, folder.Combine("other.crt"));

        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.Error, Does.Contain("Can't contact LDAP server"));
    }

    [Test]
    public void Ldapsearch_with_StartTLS_on_the_plain_port_works()
    {
        var result = Search(Lab.Url, CaFile, "-ZZ");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(LdifEntry.Parse(result.Output), Has.Count.EqualTo(4));
    }

    [Test]
    public void Status_gives_programs_the_LDAPS_URL_and_the_CA_file()
    {
        var status = JsonDocument.Parse(Casdir.Run(["status", "--data", Lab.DataDirectory, "--format", "json"]).Output).RootElement;

        Assert.That(status.GetProperty("ldapsUrl").GetString(), Does.Match(@"^ldaps://127\.0\.0\.1:\d+$"));
        Assert.That(status.GetProperty("caFile").GetString(), Is.EqualTo(Path.Combine(Lab.DataDirectory, "tls", "ca.crt")));
        Assert.That(File.GetUnixFileMode(Path.Combine(Lab.DataDirectory, "tls", "server.key")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.GetUnixFileMode(Path.Combine(Lab.DataDirectory, "tls", "ca.key")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    private Dictionary<string, string?> RemoteBind(string? caFile) => new()
    {
        ["CASDIR_BIND_DN"] = Lab.Account(DirectoryAccounts.Reader).Dn,
        ["CASDIR_BIND_PASSWORD_FILE"] = Lab.Account(DirectoryAccounts.Reader).PasswordFile,
        ["CASDIR_CA_FILE"] = caFile,
    };

    [Test]
    public void Casdir_reads_over_LDAPS_trusting_the_CA_file_it_is_given()
    {
        var result = Casdir.Run(["Get-ExchangeServer", "-DomainController", LdapsUrl], RemoteBind(CaFile));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("E2K10-MLT-01"));
    }

    /// <summary>A TLS server with the given certificate that counts what clients send after a handshake (every connection, for 5 s).</summary>
    private static Task<(int Port, Task<int> BytesAfterHandshake)> FakeTlsServer(X509Certificate2 certificate)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var received = Task.Run(async () =>
        {
            var total = 0;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                while (true)
                {
                    var client = await listener.AcceptTcpClientAsync(stop.Token);
                    _ = Task.Run(async () => // each connection on its own: one the client leaves open must not hold up the next
                    {
                        using (client)
                        await using (var tls = new SslStream(client.GetStream()))
                        {
                            try
                            {
                                await tls.AuthenticateAsServerAsync(certificate).WaitAsync(stop.Token);
                                Interlocked.Add(ref total, await tls.ReadAsync(new byte[4096]).AsTask().WaitAsync(stop.Token));
                            }
                            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
                            {
                                // the client gave up in the handshake: nothing of LDAP reached us on this connection
                            }
                        }
                    });
                }
            }
            catch (OperationCanceledException)
            {
                listener.Stop();
                return total;
            }
        });
        return Task.FromResult((port, received));
    }

    [TestCase("127.0.0.1", false, "does not chain to the CA", TestName = "Casdir_refuses_a_server_whose_certificate_comes_from_an_untrusted_CA_and_sends_no_bind")]
    [TestCase("other.example", true, "it is for other.example, not 127.0.0.1", TestName = "Casdir_refuses_a_server_whose_certificate_names_another_host_and_sends_no_bind")]
    public async Task Casdir_verifies_before_it_binds(string name, bool trustItsCa, string problem)
    {
        var (ca, server) = OtherCa(name);
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.Combine("ca.crt"), (trustItsCa ? ca : X509Certificate2.CreateFromPem(File.ReadAllText(CaFile))).ExportCertificatePem());
        var (port, bytes) = await FakeTlsServer(server);

        var result = Casdir.Run(["Get-ExchangeServer", "-DomainController", $"ldaps://127.0.0.1:{port}"], RemoteBind(folder.Combine("ca.crt")));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain($"The certificate of ldaps://127.0.0.1:{port} is not trusted").And.Contain(problem).And.Contain("casdir sent no bind"));
        Assert.That(await bytes, Is.Zero, "no LDAP message (no bind, no password) reached the server");
    }

    [Test]
    public void Casdir_upgrades_a_plain_connection_with_StartTls_trusting_the_CA_file()
    {
        var result = Casdir.Run(["Get-ExchangeServer", "-DomainController", Lab.Url, "-StartTls"], RemoteBind(CaFile));

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("E2K10-MLT-01"));
    }

    [Test]
    public void StartTls_against_a_certificate_of_another_CA_fails_before_any_bind()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.Combine("other.crt"), OtherCa("x").Ca.ExportCertificatePem());

        var result = Casdir.Run(["Get-ExchangeServer", "-DomainController", Lab.Url, "-StartTls"], RemoteBind(folder.Combine("other.crt")));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain($"StartTLS with {Lab.Url} failed: its certificate does not chain to the CA in").And.Contain("casdir sent no bind"));
        Assert.That(result.Error, Does.Contain("; issued by "), "named from the certificate the server presented in casdir's own StartTLS handshake");
    }

    [Test]
    public void StartTls_refused_by_a_server_without_TLS_is_named_as_such_and_sends_no_bind()
    {
        using var folder = new TemporaryFolder();
        Directory.CreateDirectory(folder.Combine("db"));
        File.WriteAllText(folder.Combine("slapd.conf"), $"""
            include /etc/ldap/schema/core.schema
            pidfile {folder.Combine("slapd.pid")}
            argsfile {folder.Combine("slapd.args")}
            modulepath /usr/lib/ldap
            moduleload back_mdb
            database mdb
            suffix "dc=plain"
            directory {folder.Combine("db")}
            """);
        var port = FreePort.Next();
        // In the foreground with the stats log (-d 256) on standard error: every operation a client sends is listed.
        var info = ProcessRunner.StartInfo("/usr/sbin/slapd", ["-f", folder.Combine("slapd.conf"), "-h", $"ldap://127.0.0.1:{port}/", "-d", "256"]);
        info.RedirectStandardError = info.RedirectStandardOutput = true;
        using var slapd = System.Diagnostics.Process.Start(info)!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        slapd.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        slapd.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        slapd.BeginErrorReadLine();
        slapd.BeginOutputReadLine();
        try
        {
            Wait.Until(() => log.Any(l => l.Contains("slapd starting")), "a slapd without TLS");

            var result = Casdir.Run(["Get-ExchangeServer", "-DomainController", $"ldap://127.0.0.1:{port}", "-StartTls"], RemoteBind(CaFile));

            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Error, Does.Contain($"The server at ldap://127.0.0.1:{port} refused StartTLS (unsupported extended operation").And.Contain("casdir sent no bind"));
            Assert.That(result.Error, Does.Not.Contain("certificate"), "no handshake took place: no certificate is to blame");
            Assert.That(result.Error, Does.Not.Contain("   at "));
            Wait.Until(() => log.Any(l => l.Contains("EXT oid=1.3.6.1.4.1.1466.20037")), "slapd logged the StartTLS request");
            Assert.That(log.Where(l => l.Contains(" BIND ")), Is.Empty, "no bind reached the server: " + string.Join("\n", log));
        }
        finally
        {
            slapd.Kill();
            slapd.WaitForExit();
        }
    }

    [Test]
    public void A_CA_file_that_is_no_certificate_is_a_usage_error()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.Combine("garbage.crt"), "not a certificate\n");

        var result = Casdir.Run(["Get-ExchangeServer", "-DomainController", LdapsUrl], RemoteBind(folder.Combine("garbage.crt")));

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("CASDIR_CA_FILE names").And.Contain("which is not a PEM CA certificate"));
        Assert.That(result.Error, Does.Not.Contain("   at "));
    }

    [Test]
    public void A_plain_bind_to_a_remote_host_is_refused_unless_allowed()
    {
        var refused = Casdir.Run(["Get-ExchangeServer", "-DomainController", "ldap://192.0.2.10:389"], RemoteBind(null));

        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
        Assert.That(refused.Error, Does.Contain("would send the password in clear over the network").And.Contain("ldaps://192.0.2.10:636").And.Contain("-StartTls"));

        var allowed = Casdir.Run(["Get-ExchangeServer", "-DomainController", "ldap://192.0.2.10:389", "-AllowInsecureBind"],
            new Dictionary<string, string?>(RemoteBind(null)) { ["CASDIR_CONNECT_TIMEOUT"] = "1" });
        Assert.That(allowed.Error, Does.Contain("warning: binding to ldap://192.0.2.10:389 without TLS sends the password in clear"));
    }
}

/// <summary>Certificates are renewed by up; the CA stays.</summary>
[TestFixture]
public sealed class CertificateRenewalTests : FreshLabTest
{
    [Test]
    public void Up_reissues_a_certificate_whose_key_does_not_match_it()
    {
        var certificates = new DataDirectory(Lab.DataDirectory).Certificates;
        LocalDirectory.Down(Lab.DataDirectory);
        // What a crash between writing the new key and the new certificate leaves.
        using (var stray = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            File.WriteAllText(certificates.ServerKey, stray.ExportPkcs8PrivateKeyPem());

        LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = Lab.DataDirectory });

        Assert.That(() => X509Certificate2.CreateFromPemFile(certificates.ServerCertificate, certificates.ServerKey), Throws.Nothing, "a matching pair again");
        Assert.That(Lab.Casdir("Get-ExchangeServer").ExitCode, Is.Zero, "and slapd serves it");
    }

    [Test]
    public void Up_with_hostname_adds_the_name_to_the_certificate_and_refuses_a_bad_one()
    {
        LocalDirectory.Down(Lab.DataDirectory);

        var up = Casdir.Run(["up", "--data", Lab.DataDirectory, "--hostname", "ldap.lab.local"]);
        var bad = Casdir.Run(["up", "--data", Lab.DataDirectory, "--hostname", "not a name"]);

        Assert.That(up.ExitCode, Is.Zero, up.ToString());
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(new DataDirectory(Lab.DataDirectory).Certificates.ServerCertificate));
        Assert.That(certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateDnsNames()), Does.Contain("ldap.lab.local"));
        Assert.That(bad.ExitCode, Is.EqualTo(2), bad.ToString());
        Assert.That(bad.Error, Does.Contain("--hostname 'not a name' is not a DNS name"));
    }

    [Test]
    public void Up_renews_a_server_certificate_near_expiry_and_keeps_the_CA()
    {
        var certificates = new DataDirectory(Lab.DataDirectory).Certificates;
        var caBefore = File.ReadAllText(certificates.CaCertificate);
        LocalDirectory.Down(Lab.DataDirectory);
        // A server certificate from the same CA with 17 days left.
        using (var ca = X509Certificate2.CreateFromPemFile(certificates.CaCertificate, certificates.CaKey))
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var old = request.Create(ca, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(17), RandomNumberGenerator.GetBytes(8));
            File.WriteAllText(certificates.ServerCertificate, old.ExportCertificatePem());
            File.WriteAllText(certificates.ServerKey, key.ExportPkcs8PrivateKeyPem());
        }
        var nearExpiry = X509Certificate2.CreateFromPem(File.ReadAllText(certificates.ServerCertificate)).NotAfter;

        LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = Lab.DataDirectory });

        var renewed = X509Certificate2.CreateFromPem(File.ReadAllText(certificates.ServerCertificate)).NotAfter;
        Assert.That(nearExpiry - DateTime.Now, Is.LessThan(TimeSpan.FromDays(18)));
        Assert.That(renewed - DateTime.Now, Is.GreaterThan(TimeSpan.FromDays(390)));
        Assert.That(File.ReadAllText(certificates.CaCertificate), Is.EqualTo(caBefore), "the CA is kept");
        Assert.That(Lab.Casdir("Get-ExchangeServer").ExitCode, Is.Zero, "and the directory answers over TLS with it");
    }
}

/// <summary>slapd's own side: a password is accepted in clear from loopback only; from any other address, over TLS.</summary>
[TestFixture]
public sealed class CleartextBindTests : FreshLabTest
{
    [Test]
    public void A_simple_bind_from_a_non_loopback_address_needs_TLS()
    {
        var address = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        Assert.That(address, Is.Not.Null, "this test needs a non-loopback IPv4 address on the machine");
        var port = FreePort.Next();
        LocalDirectory.Down(Lab.DataDirectory);
        var config = Path.Combine(Lab.DataDirectory, "slapd", "slapd.conf");
        var started = ProcessRunner.Run(ProcessRunner.StartInfo("/usr/sbin/slapd", ["-f", config, "-h", $"{Lab.Url}/ ldap://{address}:{port}/"]));
        Assert.That(started.ExitCode, Is.Zero, started.ToString());
        // Listening on the machine's address, not only a pid file written: on a busy machine the first is later.
        Wait.Until(() =>
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(address!, port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, $"slapd listening on {address}:{port}", TimeSpan.FromMinutes(1));

        LdapToolResult WhoAmI(string url, params string[] extra)
        {
            var info = Lab.Tools.StartInfo("ldapwhoami", DirectoryAccounts.Reader, extra);
            info.ArgumentList[info.ArgumentList.IndexOf("-H") + 1] = url;
            info.Environment.Remove("LDAPNOINIT");
            info.Environment["LDAPTLS_REQCERT"] = "never"; // the certificate names loopback only; the rule under test is slapd's
            var (code, output, error) = ProcessRunner.Run(info);
            return new LdapToolResult(code, output, error);
        }

        var plain = WhoAmI($"ldap://{address}:{port}");
        var tls = WhoAmI($"ldap://{address}:{port}", "-ZZ");
        var loopback = WhoAmI(Lab.Url);

        Assert.That(plain.ExitCode, Is.EqualTo(49), $"in clear from {address}: {plain}");
        Assert.That(tls.ExitCode, Is.Zero, tls.ToString());
        Assert.That(loopback.ExitCode, Is.Zero, loopback.ToString());
    }
}
