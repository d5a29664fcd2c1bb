namespace CasDirectory.Core.SiteTopology;

/// <summary>A server whose msExchServerSite should change (T1), and why.</summary>
public sealed record SiteMove(string Server, string? OldSite, string NewSite, string Cause);
