namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// Exchange's Fqdn value (<c>outlook.lab.local</c>), checked by syntax only. As -DomainController it may also be an LDAP
/// URL (<c>ldap://127.0.0.1:3890</c>, <c>ldaps://dc1.lab.local</c>) or <c>host:port</c>, since the directory is a slapd
/// that need not listen on 389; the cmdlets that name a host (an array's -Fqdn) take a plain FQDN only.
/// </summary>
public sealed class Fqdn
{
    public Fqdn(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Any(char.IsControl) || value.Any(char.IsWhiteSpace))
            throw Invalid(value);
        var host = value.Contains("://", StringComparison.Ordinal) ? value : value.Split(':')[0];
        if (!value.Contains("://", StringComparison.Ordinal) && !Core.Naming.Fqdn.IsValid(host) && !System.Net.IPAddress.TryParse(host, out _) && host != "localhost")
            throw Invalid(value);
        Value = value;
    }

    private static ArgumentException Invalid(string value) =>
        new($"'{value}' is not a valid FQDN: use labels of letters, digits and hyphens separated by dots, such as outlook.lab.local (-DomainController also takes host:port or an ldap:// or ldaps:// URL).");

    public string Value { get; }

    /// <summary>The LDAP URL to connect to: the value itself, or ldap://value for an FQDN or host:port.</summary>
    public string Url => Value.Contains("://", StringComparison.Ordinal) ? Value : "ldap://" + Value;

    public static implicit operator Fqdn(string value) => new(value);

    public override string ToString() => Value;
}
