using CasDirectory.Core.Naming;

namespace CasDirectory.Core.Recipients;

/// <summary>
/// An SMTP address as Exchange's SmtpAddress takes it: a local part of RFC 5322 atoms joined by single dots (at most 64
/// characters) and a domain that is a host name. Compared without regard to case, as Exchange and AD compare them.
/// </summary>
public readonly record struct SmtpAddress
{
    private SmtpAddress(string local, string domain)
    {
        Local = local;
        Domain = domain;
    }

    public string Local { get; }
    public string Domain { get; }
    public string Address => $"{Local}@{Domain}";

    private const string AtomCharacters = "!#$%&'*+-/=?^_`{|}~";

    public static bool IsValidLocalPart(string local) =>
        local.Length is > 0 and <= 64 && !local.StartsWith('.') && !local.EndsWith('.') && !local.Contains("..")
        && local.All(c => c < 128 && (char.IsAsciiLetterOrDigit(c) || c == '.' || AtomCharacters.Contains(c)));

    public static bool TryParse(string? text, out SmtpAddress address)
    {
        address = default;
        if (text is null || text.Length > 320)
            return false;
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
            return false;
        var (local, domain) = (text[..at], text[(at + 1)..]);
        if (!IsValidLocalPart(local) || !Fqdn.IsValid(domain) || !domain.Contains('.'))
            return false;
        address = new SmtpAddress(local, domain);
        return true;
    }

    public static SmtpAddress Parse(string text) =>
        TryParse(text, out var address)
            ? address
            : throw new DomainRuleException($"'{ObjectName.Shown(text)}' is not a valid SMTP address (local-part@domain, such as jdoe@lab.local).", isMalformedInput: true);

    public bool Equals(SmtpAddress other) => string.Equals(Address, other.Address, StringComparison.OrdinalIgnoreCase);
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Address);
    public override string ToString() => Address;
}
