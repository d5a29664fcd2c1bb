namespace CasDirectory.PowerShell.Objects;

/// <summary>The ActiveDirectory module's -AuthType. Either way the directory is bound with a simple bind (over TLS, or
/// on loopback): slapd here offers no Negotiate (Kerberos/NTLM). Accepted so that scripts written for AD run.</summary>
public enum ADAuthType
{
    Negotiate = 0,
    Basic = 1,
}
