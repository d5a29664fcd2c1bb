namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>Files of the repository itself (the compose file, the entrypoint, the shipped schema forms).</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CasDirectory.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"CasDirectory.sln not found above {AppContext.BaseDirectory}.");
    }
}
