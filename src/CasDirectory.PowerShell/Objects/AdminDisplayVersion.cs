namespace CasDirectory.PowerShell.Objects;

/// <summary>An Exchange server's AdminDisplayVersion: Major, Minor, Build, Revision; prints "Version 14.2 (Build 247.5)".</summary>
public sealed class AdminDisplayVersion(Core.Servers.ServerVersion version)
{
    public int Major => version.Major;
    public int Minor => version.Minor;
    public int Build => version.Build;
    public int Revision => version.Revision;

    public override string ToString() => version.ToAdminDisplayVersion();
}
