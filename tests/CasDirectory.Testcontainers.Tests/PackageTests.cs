using System.Diagnostics;
using CasDirectory.Testcontainers.Tests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.Testcontainers.Tests;

/// <summary>
/// The package as another project gets it: dotnet pack, then a test project outside the repository that references
/// only the .nupkg, restored and run. A unique prerelease version keeps NuGet's cache and the image tag its own.
/// </summary>
[TestFixture]
[Category("Container")]
public sealed class PackageTests
{
    [Test]
    public async Task A_project_outside_the_repository_gets_a_working_directory_from_the_packed_package()
    {
        var version = $"0.0.0-test.{Guid.NewGuid():N}";
        var work = Directory.CreateTempSubdirectory("casdir-package-");
        var packages = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "casdirectory.testcontainers", version);
        try
        {
            var feed = Path.Combine(work.FullName, "feed");
            Run(work.FullName, "pack", Path.Combine(Repository.Root, "src", "CasDirectory.Testcontainers"), "-c", "Release", "-o", feed, $"-p:Version={version}", "--nologo");
            var nupkg = Path.Combine(feed, $"CasDirectory.Testcontainers.{version}.nupkg");
            Assert.That(File.Exists(nupkg), Is.True, nupkg);

            var consumer = Path.Combine(work.FullName, "consumer");
            Directory.CreateDirectory(consumer);
            File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
                <configuration><packageSources><add key="casdir" value="{feed}" /></packageSources></configuration>
                """);
            File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><IsTestProject>true</IsTestProject></PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="CasDirectory.Testcontainers" Version="{version}" />
                    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.14.1" />
                    <PackageReference Include="NUnit" Version="4.4.0" />
                    <PackageReference Include="NUnit3TestAdapter" Version="4.6.0" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(consumer, "LabTests.cs"), """
                using CasDirectory.Testcontainers;
                using NUnit.Framework;

                public class LabTests
                {
                    [Test]
                    public async Task The_lab_answers()
                    {
                        await using var directory = new CasDirectoryBuilder().WithSampleLab().Build();
                        await directory.StartAsync();
                        var servers = await directory.RunCasdirAsync("Get-ExchangeServer", CasDirectoryAccount.Reader);
                        Assert.That(servers.ExitCode, Is.Zero, servers.Stderr);
                        Assert.That(servers.Stdout, Does.Contain("E2K10-MLT-01").And.Contain("E2K10-MLT-02"));
                        Assert.That(directory.Image.FullName, Is.EqualTo("casdirectory/testcontainers:VERSION"));
                    }
                }
                """.Replace("VERSION", version));

            var test = Run(consumer, "test", "--nologo");
            Assert.That(test, Does.Contain("Passed!  - Failed:     0, Passed:     1"));
        }
        finally
        {
            work.Delete(recursive: true);
            if (Directory.Exists(packages))
                Directory.Delete(packages, recursive: true);
            using var client = Engine.Client();
            try { await client.Images.DeleteImageAsync($"casdirectory/testcontainers:{version}", new Docker.DotNet.Models.ImageDeleteParameters()); }
            catch (Docker.DotNet.DockerImageNotFoundException) { }
        }
    }

    private static string Run(string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        // The consumer is a project of its own: nothing of this repository's build reaches it.
        info.Environment.Remove("MSBuildExtensionsPath");
        info.Environment.Remove("MSBUILD_EXE_PATH");
        info.Environment.Remove("MSBuildSDKsPath");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} did not finish in 10 minutes.");
        }
        var text = output.Result + error.Result;
        Assert.That(process.ExitCode, Is.Zero, $"dotnet {string.Join(' ', arguments)}:\n{text}");
        return text;
    }
}
