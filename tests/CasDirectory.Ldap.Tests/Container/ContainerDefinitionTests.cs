using System.Diagnostics;
using CasDirectory.Core.Naming;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Local;
using CasDirectory.Ldap.Tests.Fixtures;
using NUnit.Framework;
using YamlDotNet.RepresentationModel;

namespace CasDirectory.Ldap.Tests.Container;

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

    [Test]
    public void Entrypoint_run_natively_builds_the_same_directory_as_casdir_up()
    {
        using var home = new TemporaryFolder("casdir-entrypoint");
        using var lab = LabDirectory.Start();
        var port = FreePort.Next();
        var info = new ProcessStartInfo(RepositoryPaths.Combine("docker", "openldap", "entrypoint.sh"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["CASDIR_HOME"] = home.Path;
        info.Environment["CASDIR_ASSETS"] = RepositoryPaths.Root;
        info.Environment["GUARD_PLUGIN"] = DirectoryAssets.Default.GuardPlugin; // the image builds its own
        info.Environment["SLAPD_USER"] = "";
        info.Environment["SLAPD_LOG_LEVEL"] = "0";
        info.Environment["LDAP_URLS"] = $"ldap://127.0.0.1:{port}/";
        using var entrypoint = Process.Start(info)!;
        var output = entrypoint.StandardOutput.ReadToEndAsync();
        var errors = entrypoint.StandardError.ReadToEndAsync();
        try
        {
            var dnFile = Path.Combine(home.Path, "accounts", "reader.dn");
            bool Answers() => File.Exists(dnFile) && RootDse.TryProbe(DirectoryEndpoint.Loopback(port),
                DirectoryCredential.FromPasswordFile(File.ReadAllText(dnFile), Path.Combine(home.Path, "accounts", "reader.password")), out _);
            var answered = SpinWait.SpinUntil(() => entrypoint.HasExited || Answers(), TimeSpan.FromSeconds(20));
            // Only read stderr once the entrypoint has ended: while slapd runs it never reaches its end.
            Assert.That(answered && !entrypoint.HasExited, Is.True, () => $"entrypoint did not bring slapd up: {(entrypoint.HasExited ? errors.Result : "(still running)")}");

            var containerStatus = lab.Status with
            {
                State = lab.Status.State with
                {
                    Url = DirectoryEndpoint.Loopback(port).Url,
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
        finally
        {
            if (!entrypoint.HasExited)
            {
                entrypoint.Kill();
                entrypoint.WaitForExit();
            }
            _ = output.Result;
        }
    }
}
