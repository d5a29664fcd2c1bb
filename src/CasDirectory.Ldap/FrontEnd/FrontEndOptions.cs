namespace CasDirectory.Ldap.FrontEnd;

/// <summary>What <c>casdir frontend</c> starts: the providers' and consumers' data folders (of <c>casdir up</c>) and the
/// front end's ports on 127.0.0.1 (null: a free one).</summary>
public sealed record FrontEndOptions
{
    public required string Folder { get; init; }
    public required IReadOnlyList<string> Providers { get; init; }
    public IReadOnlyList<string> Consumers { get; init; } = [];
    public int? Port { get; init; }
    public int? LdapsPort { get; init; }
    public int? ReadPort { get; init; }
}
