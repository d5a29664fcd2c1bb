using NUnit.Framework;

namespace CasDirectory.Testcontainers.Tests;

/// <summary>The image's definition and the build context the package embeds (no engine needed).</summary>
[TestFixture]
public sealed class ImageDefinitionTests
{
    private static string[] Lines(params string[] path) => File.ReadAllLines(Path.Combine([Fixtures.Repository.Root, .. path]));

    /// <summary>A stage: its FROM line and what follows up to the next FROM, comments and blank lines left out.</summary>
    private static List<string> Stage(string[] lines, string from) =>
        lines.SkipWhile(l => l != from).TakeWhile((l, i) => i == 0 || !l.StartsWith("FROM ")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    [Test]
    public void The_embedded_context_holds_every_file_the_Dockerfile_copies_and_no_build_output()
    {
        var context = ImageBuildContext.Extract();
        try
        {
            var dockerfile = File.ReadAllLines(Path.Combine(context.FullName, "Dockerfile"));
            var sources = dockerfile.Where(l => l.StartsWith("COPY ") && !l.StartsWith("COPY --from"))
                .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]).ToList();

            Assert.That(dockerfile, Is.EqualTo(Lines("docker", "testcontainers", "Dockerfile")), "the embedded Dockerfile is the repository's");
            Assert.That(sources, Has.Member("src/CasDirectory.Cli/").And.Member("docker/testcontainers/entrypoint.sh"));
            foreach (var source in sources)
                Assert.That(File.Exists(Path.Combine(context.FullName, source)) || Directory.Exists(Path.Combine(context.FullName, source)), Is.True, source);
            var files = context.EnumerateFiles("*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(context.FullName, f.FullName)).ToList();
            Assert.That(files.Where(f => f.Contains("/bin/") || f.Contains("/obj/") || f.EndsWith(".so") || f.StartsWith("tests/") || f.Contains("Testcontainers/")), Is.Empty);
            if (!OperatingSystem.IsWindows())
                Assert.That(File.GetUnixFileMode(Path.Combine(context.FullName, "docker/testcontainers/entrypoint.sh")) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute));
        }
        finally
        {
            context.Delete(recursive: true);
        }
    }

    [Test]
    public void The_images_build_stages_are_the_compose_images_stages_line_for_line()
    {
        var testcontainers = Lines("docker", "testcontainers", "Dockerfile");
        var openldap = Lines("docker", "openldap", "Dockerfile");
        var casdir = Lines("docker", "casdir", "Dockerfile");

        Assert.That(Stage(testcontainers, "FROM ${BASE_IMAGE} AS guard"), Is.EqualTo(Stage(openldap, "FROM ${BASE_IMAGE} AS guard")));
        Assert.That(Stage(testcontainers, "FROM ${SDK_IMAGE} AS build"), Is.EqualTo(Stage(casdir, "FROM ${SDK_IMAGE} AS build")));
        // The final stage starts with the directory image's package layer.
        Assert.That(Stage(testcontainers, "FROM ${BASE_IMAGE}").Skip(1).Take(4), Is.EqualTo(Stage(openldap, "FROM ${BASE_IMAGE}").Skip(1).Take(4)));
    }
}
