namespace CasDirectory.Testcontainers;

/// <summary>An LDIF or casdir script to apply once the directory is ready, and the name its errors give it.</summary>
internal sealed record StartupInput(string Name, string Content);
