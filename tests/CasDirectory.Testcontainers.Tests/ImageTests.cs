using System.Diagnostics;
using CasDirectory.Testcontainers.Tests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.Testcontainers.Tests;

/// <summary>
/// Where the image comes from: the module's own, built from the sources the package carries and labelled with their
/// digest; a prebuilt one given to WithImage; and a clear, fast failure when neither can be had.
/// </summary>
[TestFixture]
[Category("Container")]
public sealed class ImageTests
{
    [Test]
    public async Task The_modules_image_is_tagged_with_the_package_version_and_labelled_with_its_sources_digest()
    {
        await using var directory = new CasDirectoryBuilder().Build();
        await directory.StartAsync();

        var image = ManagedImage.FromEnvironment().Name;
        if (Environment.GetEnvironmentVariable("CASDIR_TESTCONTAINERS_IMAGE") is not { Length: > 0 })
            Assert.That(image, Is.EqualTo("casdirectory/testcontainers:" + ManagedImage.PackageVersion));
        Assert.That(directory.Image.FullName, Is.EqualTo(image));
        var labels = await Engine.ImageLabelsAsync(image);
        Assert.That(labels, Is.Not.Null);
        Assert.That(labels![ImageBuildContext.DigestLabel], Is.EqualTo(ImageBuildContext.Digest));
        Assert.That(ImageBuildContext.Digest, Does.Match("^[0-9a-f]{64}$"));
    }

    [Test]
    public async Task A_missing_prebuilt_image_fails_StartAsync_within_10_s_saying_what_to_do()
    {
        var name = $"casdirectory/testcontainers:absent-{Guid.NewGuid():N}";
        await using var directory = new CasDirectoryBuilder().WithImage(name).Build();

        var clock = Stopwatch.StartNew();
        var failure = Assert.ThrowsAsync<CasDirectoryImageUnavailableException>(() => directory.StartAsync());
        clock.Stop();

        TestContext.Progress.WriteLine($"missing prebuilt image: StartAsync failed after {clock.Elapsed.TotalSeconds:F2} s: {failure!.Message}");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(failure.Message, Does.Contain($"The image '{name}' given to WithImage is not on the Docker engine")
            .And.Contain("could not be pulled")
            .And.Contain("docker build -f docker/testcontainers/Dockerfile")
            .And.Contain("leave WithImage out"));
        Assert.That(await Engine.ImageLabelsAsync(name), Is.Null, "nothing was built under that name");
    }

    [Test]
    public async Task A_missing_image_whose_base_images_cannot_be_had_fails_StartAsync_within_10_s_saying_what_to_do()
    {
        var name = $"casdirectory/testcontainers:unbuildable-{Guid.NewGuid():N}";
        await using var directory = new CasDirectoryBuilder()
            .WithManagedImage(name)
            .WithBaseImages("casdir-test/absent-base:none", "casdir-test/absent-sdk:none")
            .Build();

        var clock = Stopwatch.StartNew();
        var failure = Assert.ThrowsAsync<CasDirectoryImageUnavailableException>(() => directory.StartAsync());
        clock.Stop();

        TestContext.Progress.WriteLine($"unbuildable image: StartAsync failed after {clock.Elapsed.TotalSeconds:F2} s: {failure!.Message}");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(failure.Message, Does.Contain($"The image '{name}' is not on the Docker engine")
            .And.Contain("its base image 'casdir-test/absent-base:none' is missing and could not be pulled")
            .And.Contain("scripts/docker-engine.sh base-images")
            .And.Contain("CASDIR_BASE_IMAGE and CASDIR_SDK_IMAGE")
            .And.Contain("WithImage"));
        Assert.That(await Engine.ImageLabelsAsync(name), Is.Null, "nothing was built under that name");
    }

    [Test]
    public async Task A_prebuilt_image_given_to_WithImage_is_used_as_it_is()
    {
        // The module's image under another name, as a team's registry would hold it.
        var source = ManagedImage.FromEnvironment().Name;
        await using (var warm = new CasDirectoryBuilder().Build())
            await warm.EnsureImageAsync(); // makes sure the module's image exists
        var name = $"casdirectory/testcontainers-prebuilt:{Guid.NewGuid():N}";
        using (var client = Engine.Client())
            await client.Images.TagImageAsync(source, new Docker.DotNet.Models.ImageTagParameters { RepositoryName = name.Split(':')[0], Tag = name.Split(':')[1] });
        try
        {
            await using var directory = new CasDirectoryBuilder().WithImage(name).WithSampleLab().Build();
            await directory.StartAsync();

            Assert.That((await Engine.InspectAsync(directory.Id)).Config?.Image, Is.EqualTo(name));
            Assert.That(Lab.ExchangeServerNames(directory), Has.Count.EqualTo(4));
        }
        finally
        {
            using var client = Engine.Client();
            await client.Images.DeleteImageAsync(name, new Docker.DotNet.Models.ImageDeleteParameters());
        }
    }
}
