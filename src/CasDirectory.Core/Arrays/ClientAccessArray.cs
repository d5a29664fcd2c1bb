namespace CasDirectory.Core.Arrays;

/// <summary>
/// A Client Access array: only a directory object naming an FQDN for a site. It balances nothing;
/// databases point at it through their RpcClientAccessServer. Members are computed, never stored (A3).
/// </summary>
public sealed record ClientAccessArray
{
    public required string Name { get; init; }
    public required string DistinguishedName { get; init; }
    public required string Fqdn { get; init; }
    public string? SiteName { get; init; }
    public string? LegacyExchangeDN { get; init; }
    public string? Guid { get; init; }
    /// <summary>When the object was created (createTimestamp): B6 compares databases with their array.</summary>
    public DateTimeOffset? Created { get; init; }
}
