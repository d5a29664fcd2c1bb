using CasDirectory.Testcontainers;
using Xunit;

namespace CasDirectory.Examples.Xunit;

// A class fixture: xUnit starts one directory for every test class that asks for it, and removes it after the class.
public sealed class CasDirectoryFixture : IAsyncLifetime
{
    public CasDirectoryContainer Directory { get; } = new CasDirectoryBuilder()
        .WithSampleLab()
        .WithCasdirScript("New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A")
        .Build();

    public Task InitializeAsync() => Directory.StartAsync();

    public Task DisposeAsync() => Directory.DisposeAsync().AsTask();
}
