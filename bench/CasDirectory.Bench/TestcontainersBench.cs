using System.Diagnostics;
using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.Local;
using CasDirectory.Testcontainers;

namespace CasDirectory.Bench;

/// <summary>
/// CasDirectory.Testcontainers against the same things run natively, in one run: the image's first-use build (no
/// layer cache), StartAsync to ready with the image present, a casdir command, and the service's reaction latency.
/// Needs a Docker engine with the Testcontainers settings (scripts/docker-engine.sh run ... exports them).
/// </summary>
public static class TestcontainersBench
{
    public static void Run(string[] casdir, string work, int moves, int repeat)
    {
        Console.WriteLine();
        Console.WriteLine("CasDirectory.Testcontainers");
        FirstUseBuild();
        TimedStart(Builder()); // the module's own image, built if this run has none (not timed)

        // 1. StartAsync to ready, the image present: the lab alone, and with the service; against casdir up natively.
        var nativeUp = ContainerBench.Median(repeat, () =>
        {
            var folder = Path.Combine(work, $"native-{Guid.NewGuid():N}");
            var seconds = ContainerBench.Timed(() => LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = folder, Sample = "lab" }));
            LocalDirectory.Down(folder);
            return seconds;
        });
        var labStart = ContainerBench.Median(repeat, () => TimedStart(Builder().WithSampleLab()));
        var serviceStart = ContainerBench.Median(repeat, () => TimedStart(Builder().WithSampleLab().WithSiteTopologyService()));
        Console.WriteLine("                                                             native s   container s   container/native");
        Console.WriteLine($"  start: casdir up lab / StartAsync to ready (WithSampleLab)  {nativeUp,8:0.00}     {labStart,8:0.00}   {labStart / nativeUp,10:0.00}");
        Console.WriteLine($"  StartAsync to ready, WithSiteTopologyService too                      {serviceStart,8:0.00}");

        // 2. A casdir command: a new casdir process natively, RunCasdirAsync (docker exec) in the container.
        var lab = LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = Path.Combine(work, "native"), Sample = "lab" }).Status;
        var directory = Builder().WithSampleLab().WithSiteTopologyService().Build();
        try
        {
            directory.StartAsync().GetAwaiter().GetResult();
            var nativeCasdir = ContainerBench.Median(repeat, () => ContainerBench.Timed(() =>
                ContainerBench.Require(ContainerBench.Process(casdir[0], [.. casdir[1..], "Get-ExchangeServer", "--data", lab.DataDirectory]), "casdir")));
            var reader = directory.GetCredential(CasDirectoryAccount.Reader);
            var readerFile = ContainerBench.SecretFile(work, "tc-reader", reader.Password);
            var search = new[] { "-x", "-LLL", "-H", directory.GetLdapUrl(), "-D", reader.UserName, "-y", readerFile, "-b", directory.ConfigurationNamingContext, "(objectClass=msExchExchangeServer)", "cn" };
            var containerSearch = ContainerBench.Median(repeat, () => ContainerBench.Timed(() => ContainerBench.Require(ContainerBench.Process("ldapsearch", search), "ldapsearch")));
            var containerCasdir = ContainerBench.Median(repeat, () => ContainerBench.Timed(() =>
            {
                var result = directory.RunCasdirAsync("Get-ExchangeServer").GetAwaiter().GetResult();
                if (result.ExitCode != 0) throw new InvalidOperationException(result.Stderr);
            }));
            Console.WriteLine($"  casdir Get-ExchangeServer (new process / RunCasdirAsync)     {nativeCasdir,8:0.000}     {containerCasdir,8:0.000}   {containerCasdir / nativeCasdir,10:0.00}");
            Console.WriteLine($"    (ldapsearch of the servers from the host: {containerSearch:0.000} s; RunCasdirAsync is {containerCasdir / containerSearch:0.0}x that)");

            // 3. The service's reaction latency: raw ldapmodify from the host, msExchServerSite read over LDAP.
            var provisioning = directory.GetCredential(CasDirectoryAccount.Provisioning);
            var provisioningFile = ContainerBench.SecretFile(work, "tc-provisioning", provisioning.Password);
            using var session = new DirectorySession(DirectoryEndpoint.Parse(directory.GetLdapUrl()), DirectoryCredential.FromPasswordFile(reader.UserName, readerFile));
            var latencies = MoveLatency.Measure(session, directory.ConfigurationNamingContext,
                ldif => ContainerBench.Require(ContainerBench.Process("ldapmodify", ["-x", "-H", directory.GetLdapUrl(), "-D", provisioning.UserName, "-y", provisioningFile], input: ldif), "ldapmodify"), moves);
            Console.WriteLine($"  reaction latency, Testcontainers ({moves} moves): {MoveLatency.Summary(latencies)}");
        }
        finally
        {
            directory.DisposeAsync().AsTask().GetAwaiter().GetResult();
            LocalDirectory.Down(lab.DataDirectory);
        }
    }

    // Testcontainers logs every exec at Information: quiet here, the figures are the output.
    private static CasDirectoryBuilder Builder() => new CasDirectoryBuilder().WithLogger(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    private static double TimedStart(CasDirectoryBuilder builder)
    {
        var directory = builder.Build();
        try
        {
            var clock = Stopwatch.StartNew();
            directory.StartAsync().GetAwaiter().GetResult();
            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            directory.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// What a first use costs on an engine that has the base images but none of the image's layers: the same
    /// context and build arguments the module uses, built with --no-cache under a throwaway name.
    /// </summary>
    private static void FirstUseBuild()
    {
        var image = ManagedImage.FromEnvironment();
        var context = ImageBuildContext.Extract();
        var name = $"casdirectory/testcontainers-bench:{Guid.NewGuid():N}";
        try
        {
            var seconds = ContainerBench.Timed(() => ContainerBench.Require(ContainerBench.Process("docker",
                ["build", "-q", "--no-cache", "-t", name, "--build-arg", $"BASE_IMAGE={image.BaseImage}", "--build-arg", $"SDK_IMAGE={image.SdkImage}",
                 "--build-arg", $"CASDIR_SOURCE_DIGEST={ImageBuildContext.Digest}", context.FullName],
                new Dictionary<string, string> { ["DOCKER_BUILDKIT"] = "0" }, timeout: TimeSpan.FromMinutes(30)), "docker build"));
            Console.WriteLine($"  first-use image build (base images present, no layer cache): {seconds:0.0} s");
        }
        finally
        {
            ContainerBench.Process("docker", ["image", "rm", "-f", name]);
            context.Delete(recursive: true);
        }
    }
}
