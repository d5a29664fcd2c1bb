namespace CasDirectory.Testcontainers.Tests.Fixtures;

/// <summary>The repository these tests were built from (the folder holding CasDirectory.sln).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CasDirectory.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("The repository root (CasDirectory.sln) was not found.");
    }
}
