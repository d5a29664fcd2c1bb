namespace CasDirectory.PowerShell.Objects;

/// <summary>The ActiveDirectory module's -ManagedBy: a user or group by DN, name (cn) or sAMAccountName; resolved to its DN.</summary>
public sealed class ADPrincipal
{
    public ADPrincipal(string identity)
    {
        if (string.IsNullOrWhiteSpace(identity))
            throw new ArgumentException("An identity cannot be empty.");
        Identity = identity;
    }

    public string Identity { get; }
    public override string ToString() => Identity;
}

/// <summary>The ActiveDirectory module's -InterSiteTopologyGenerator: a domain controller by name or DN (its server or NTDS Settings).</summary>
public sealed class ADDirectoryServer
{
    public ADDirectoryServer(string identity)
    {
        if (string.IsNullOrWhiteSpace(identity))
            throw new ArgumentException("An identity cannot be empty.");
        Identity = identity;
    }

    public string Identity { get; }
    public override string ToString() => Identity;
}
