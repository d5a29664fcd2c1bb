namespace CasDirectory.Ldap.Exchange;

/// <summary>One successful write from cn=accesslog: when (reqStart, also the feed's cursor), what kind, on which entry, which attributes.</summary>
public sealed record AccessLogEntry(string Start, string Type, string TargetDn, IReadOnlyList<string> ChangedAttributes);
