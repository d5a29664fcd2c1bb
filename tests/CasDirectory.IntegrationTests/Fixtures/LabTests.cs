using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>Base for tests that write: every test gets its own freshly started sample lab.</summary>
public abstract class FreshLabTest
{
    protected LabDirectory Lab { get; private set; } = null!;

    [SetUp]
    public void StartLab() => Lab = LabDirectory.Start();

    [TearDown]
    public void StopLab() => Lab.Dispose();
}

/// <summary>Base for tests that only read: one sample lab for the whole fixture.</summary>
public abstract class SharedLabTest
{
    protected LabDirectory Lab { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartLab() => Lab = LabDirectory.Start();

    [OneTimeTearDown]
    public void StopLab() => Lab.Dispose();
}
