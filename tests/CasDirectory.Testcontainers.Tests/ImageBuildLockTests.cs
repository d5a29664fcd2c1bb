using NUnit.Framework;

namespace CasDirectory.Testcontainers.Tests;

/// <summary>Builds of one image are one at a time on a machine (test assemblies run in processes side by side).</summary>
[TestFixture]
public sealed class ImageBuildLockTests
{
    [Test]
    public async Task A_second_build_of_the_same_image_waits_until_the_first_is_done()
    {
        var image = $"casdirectory/testcontainers:lock-{Guid.NewGuid():N}";
        var first = await ImageBuildLock.AcquireAsync(image, new Uri("unix:///var/run/docker.sock"));

        var second = ImageBuildLock.AcquireAsync(image, new Uri("unix:///var/run/docker.sock"));
        // Not a fixed wait: until the second has found the lock held twice, so it has really tried, and waits.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (ImageBuildLock.TimesFoundHeld(first.FilePath!) < 2 && !second.IsCompleted && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.That(ImageBuildLock.TimesFoundHeld(first.FilePath!), Is.GreaterThanOrEqualTo(2), "the second tried while the first held the lock");
        Assert.That(second.IsCompleted, Is.False, "the second waits while the first holds the lock");

        first.Dispose();
        Assert.That(await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(5))), Is.SameAs(second), "the second goes on once the first is done");
        var acquired = await second;
        acquired.Dispose();
        File.Delete(acquired.FilePath!);
    }

    [Test]
    public async Task Builds_of_other_images_do_not_wait_for_each_other()
    {
        var first = await ImageBuildLock.AcquireAsync($"casdirectory/testcontainers:lock-{Guid.NewGuid():N}", null);

        var other = ImageBuildLock.AcquireAsync($"casdirectory/testcontainers:lock-{Guid.NewGuid():N}", null);

        Assert.That(await Task.WhenAny(other, Task.Delay(TimeSpan.FromSeconds(5))), Is.SameAs(other));
        foreach (var held in new[] { first, await other })
        {
            held.Dispose();
            File.Delete(held.FilePath!);
        }
    }
}
