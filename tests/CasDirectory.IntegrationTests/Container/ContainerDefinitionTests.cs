using System.Diagnostics;
using CasDirectory.Core.Naming;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;
using YamlDotNet.RepresentationModel;

namespace CasDirectory.IntegrationTests.Container;

/// <summary>
/// The container files, checked without an engine (ComposeTests runs them on one): the compose file names files
/// that exist, and the ldap entrypoint (run natively) builds the same directory as casdir up.
/// </summary>
[TestFixture]
public sealed class ContainerDefinitionTests
{
    private static YamlMappingNode Compose()
    {
        var yaml = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(RepositoryPaths.Combine("docker-compose.yml")));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node)[key];
    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value!;

    [Test]
    public void Compose_file_builds_the_ldap_service_from_files_that_exist()
    {
        var ldap = Map(Map(Compose(), "services"), "ldap");
        var build = Map(ldap, "build");
        var context = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, Scalar(build, "context")));
        var dockerfile = Path.Combine(context, Scalar(build, "dockerfile"));

        Assert.That(File.Exists(dockerfile), Is.True, dockerfile);
        Assert.That(ldap.Children.ContainsKey("healthcheck"), Is.True);
        Assert.That(((YamlSequenceNode)ldap["volumes"]).Children.Select(v => v.ToString()), Has.Some.EndsWith(":/var/lib/casdir"));
        Assert.That(Compose().Children.ContainsKey("volumes"), Is.True, "a named data volume");
    }

    [Test]
    public void Dockerfile_is_debian_bookworm_slim_and_copies_files_that_exist()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Combine("docker", "openldap", "Dockerfile"));
        var copies = lines.Where(l => l.StartsWith("COPY ") && !l.StartsWith("COPY --from")).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]).ToList();

        // Two stages on one base: casdir-guard is compiled in the first, only its .so reaches the image.
        Assert.That(lines, Has.Member("ARG BASE_IMAGE=debian:bookworm-slim"));
        Assert.That(lines.Where(l => l.StartsWith("FROM ")), Is.EqualTo(new[] { "FROM ${BASE_IMAGE} AS guard", "FROM ${BASE_IMAGE}" }));
        Assert.That(lines, Has.Member("COPY --from=guard /src/casdir-guard.so /opt/casdir/slapd/casdir-guard.so"));
        Assert.That(lines, Has.Some.StartsWith("HEALTHCHECK"));
        Assert.That(copies, Is.SupersetOf(new[] { "schema/", "ldif/", "slapd/", "docker/openldap/entrypoint.sh" }));
        foreach (var source in copies)
            Assert.That(File.Exists(RepositoryPaths.Combine(source)) || Directory.Exists(RepositoryPaths.Combine(source)), Is.True, source);
    }

    /// <summary>docker/openldap/entrypoint.sh run natively on a free port with CASDIR_HOME=home, until its slapd answers as the reader.</summary>
    private sealed class NativeEntrypoint : IDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _output;

        /// <param name="softOpenFiles">The soft descriptor limit it starts with (Docker's is often 1024); else this process's.</param>
        public NativeEntrypoint(string home, int? softOpenFiles = null)
        {
            Port = FreePort.Next();
            var entrypoint = RepositoryPaths.Combine("docker", "openldap", "entrypoint.sh");
            var info = new ProcessStartInfo(softOpenFiles is null ? entrypoint : "/bin/sh")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            if (softOpenFiles is { } soft)
            {
                // sh execs the entrypoint, which execs slapd: one pid.
                info.ArgumentList.Add("-c");
                info.ArgumentList.Add($"ulimit -Sn {soft} && exec \"$0\"");
                info.ArgumentList.Add(entrypoint);
            }
            info.Environment["CASDIR_HOME"] = home;
            info.Environment["CASDIR_ASSETS"] = RepositoryPaths.Root;
            info.Environment["GUARD_PLUGIN"] = DirectoryAssets.Default.GuardPlugin; // the image builds its own
            info.Environment["SLAPD_USER"] = "";
            info.Environment["SLAPD_LOG_LEVEL"] = "0";
            info.Environment["LDAP_URLS"] = $"ldap://127.0.0.1:{Port}/";
            _process = Process.Start(info)!;
            _output = _process.StandardOutput.ReadToEndAsync();
            var errors = _process.StandardError.ReadToEndAsync();

            var dnFile = Path.Combine(home, "accounts", "reader.dn");
            bool Answers() => File.Exists(dnFile) && RootDse.TryProbe(DirectoryEndpoint.Loopback(Port),
                DirectoryCredential.FromPasswordFile(File.ReadAllText(dnFile), Path.Combine(home, "accounts", "reader.password")), out _);
            var answered = SpinWait.SpinUntil(() => _process.HasExited || Answers(), TimeSpan.FromSeconds(20));
            // Only read stderr once the entrypoint has ended: while slapd runs it never reaches its end.
            Assert.That(answered && !_process.HasExited, Is.True, () => $"entrypoint did not bring slapd up: {(_process.HasExited ? errors.Result : "(still running)")}");
        }

        public int Port { get; }

        /// <summary>slapd's pid: the entrypoint execs it.</summary>
        public int ProcessId => _process.Id;

        /// <summary>What the entrypoint printed, once it has been stopped.</summary>
        public string Output
        {
            get
            {
                Dispose();
                return _output.Result;
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }
    }

    [Test]
    public void Entrypoint_gives_slapd_its_descriptors_against_a_Flood()
    {
        using var home = new TemporaryFolder("casdir-entrypoint-flood");
        using var entrypoint = new NativeEntrypoint(home.Path, softOpenFiles: 1024);

        var (soft, hard) = DirectoryRules.ConnectionFloodTests.OpenFilesLimit(entrypoint.ProcessId.ToString());
        Assert.That(soft, Is.EqualTo(Math.Min(147_456, hard)), "SLAPD_OPEN_FILES, or the hard limit where it cannot be raised");
        Assert.That(File.ReadAllText(Path.Combine(home.Path, "slapd", "slapd.conf")), Does.Match(@"(?m)^idletimeout\s+300$"));

        // 1,100 idle anonymous connections: more than Docker's soft limit would have let slapd hold.
        var flood = new List<System.Net.Sockets.Socket>();
        try
        {
            DirectoryRules.ConnectionFloodTests.Flood(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, entrypoint.Port), 1_100, flood);
            var reader = DirectoryCredential.FromPasswordFile(File.ReadAllText(Path.Combine(home.Path, "accounts", "reader.dn")), Path.Combine(home.Path, "accounts", "reader.password"));
            var (entries, error, elapsed) = DirectoryRules.ConnectionFloodTests.ReaderSearch(DirectoryEndpoint.Loopback(entrypoint.Port), reader, ConfigurationPartition.Default.ConfigurationDn);
            TestContext.Out.WriteLine($"{flood.Count} idle connections; reader: {elapsed.TotalMilliseconds:0} ms ({entries?.ToString() ?? error})");
            Assert.That(error, Is.Null, "the reader was not served under the flood");
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "the reader waited under the flood");
        }
        finally
        {
            foreach (var socket in flood)
                socket.Dispose();
        }
    }

    [Test]
    public void Entrypoint_run_natively_builds_the_same_directory_as_casdir_up()
    {
        using var home = new TemporaryFolder("casdir-entrypoint");
        using var lab = LabDirectory.Start();
        using var entrypoint = new NativeEntrypoint(home.Path);

        var containerStatus = lab.Status with
        {
            State = lab.Status.State with
            {
                Url = DirectoryEndpoint.Loopback(entrypoint.Port).Url,
                Accounts = DirectoryAccounts.All.ToDictionary(a => a, a => new LocalDirectoryAccount(
                    File.ReadAllText(Path.Combine(home.Path, "accounts", a + ".dn")), Path.Combine(home.Path, "accounts", a + ".password"))),
            },
        };
        var containerTools = new LdapTools(containerStatus);
        IEnumerable<string> Tree(LdapTools tools) => tools.Entries(DirectoryAccounts.Reader, ConfigurationPartition.Default.DomainDn, "(objectClass=*)", "sub", "1.1")
            .Select(e => LabObjects.NormalizeDn(e.Dn)).Order();

        Assert.That(Tree(containerTools), Is.EqualTo(Tree(lab.Tools)));
        Assert.That(containerTools.Add(DirectoryAccounts.Provisioning, LabObjects.ArrayLdif("CASArray-A", "outlook.lab.local", "Site-A")).ExitCode, Is.Zero);
        Assert.That(containerTools.Add(DirectoryAccounts.Provisioning, LabObjects.ArrayLdif("CASArray-A2", "outlook2.lab.local", "Site-A")).ExitCode,
            Is.EqualTo(LdapToolResult.ConstraintViolation), "the container's slapd enforces the same rules");
        Assert.That(File.GetUnixFileMode(Path.Combine(home.Path, "accounts", "reader.password")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void Entrypoint_reissues_its_server_certificate_from_the_same_CA_when_fewer_than_30_days_remain()
    {
        using var home = new TemporaryFolder("casdir-entrypoint-renewal");
        var tls = Path.Combine(home.Path, "tls");
        new NativeEntrypoint(home.Path).Dispose(); // first start: the CA and a certificate
        var ca = File.ReadAllText(Path.Combine(tls, "ca.crt"));

        // The same CA's certificate for the same key, five days from expiry, in place of the one the entrypoint made.
        string Openssl(params string[] arguments)
        {
            var result = ProcessRunner.Run(ProcessRunner.StartInfo("openssl", arguments));
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            return result.Output;
        }
        Openssl("req", "-new", "-key", Path.Combine(tls, "server.key"), "-subj", "/CN=localhost", "-out", Path.Combine(tls, "short.csr"));
        Openssl("x509", "-req", "-in", Path.Combine(tls, "short.csr"), "-CA", Path.Combine(tls, "ca.crt"), "-CAkey", Path.Combine(tls, "ca.key"),
            "-CAcreateserial", "-days", "5", "-out", Path.Combine(tls, "server.crt"));

        var again = new NativeEntrypoint(home.Path);
        var output = again.Output;

        using var renewed = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(tls, "server.crt")));
        using var authority = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(ca);
        Assert.That(output, Does.Contain("expires within 30 days"));
        Assert.That(renewed.NotAfter, Is.GreaterThan(DateTime.Now.AddDays(300)));
        Assert.That(File.ReadAllText(Path.Combine(tls, "ca.crt")), Is.EqualTo(ca), "the same CA: clients that trust it keep working");
        Assert.That(renewed.Issuer, Is.EqualTo(authority.Subject));
    }
}
