namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// EMS's -DomainController value: the FQDN of a domain controller (<c>dc1.lab.local</c>), here also an LDAP URL
/// (<c>ldap://127.0.0.1:3890</c>, <c>ldaps://dc1.lab.local</c>) or <c>host:port</c>, since the directory is a slapd
/// that need not listen on 389. Checked by syntax only; the connection says whether it answers.
/// </summary>
public sealed class Fqdn
{
    public Fqdn(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Any(char.IsControl) || value.Any(char.IsWhiteSpace))
            throw new ArgumentException($"'{value}' is not a domain controller: give its FQDN (dc1.lab.local), host:port or an ldap:// or ldaps:// URL.");
        var host = value.Contains("://", StringComparison.Ordinal) ? value : value.Split(':')[0];
        if (!value.Contains("://", StringComparison.Ordinal) && !Core.Naming.Fqdn.IsValid(host) && !System.Net.IPAddress.TryParse(host, out _) && host != "localhost")
            throw new ArgumentException($"'{value}' is not a domain controller: give its FQDN (dc1.lab.local), host:port or an ldap:// or ldaps:// URL.");
        Value = value;
    }

    public string Value { get; }

    /// <summary>The LDAP URL to connect to: the value itself, or ldap://value for an FQDN or host:port.</summary>
    public string Url => Value.Contains("://", StringComparison.Ordinal) ? Value : "ldap://" + Value;

    public static implicit operator Fqdn(string value) => new(value);

    public override string ToString() => Value;
}
