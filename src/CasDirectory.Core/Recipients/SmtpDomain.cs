namespace CasDirectory.Core.Recipients;

/// <summary>Exchange's SmtpDomain: the domain part of an e-mail address (-ArchiveDomain archive.contoso.com), checked by syntax.</summary>
public sealed record SmtpDomain
{
    private SmtpDomain(string domain) => Domain = domain;

    public string Domain { get; }

    public static SmtpDomain Parse(string text) =>
        Naming.Fqdn.IsValid(text) ? new SmtpDomain(text)
            : throw new DomainRuleException($"'{text}' is not an SMTP domain: use a domain name such as archive.contoso.com.", isMalformedInput: true);

    public override string ToString() => Domain;
}
