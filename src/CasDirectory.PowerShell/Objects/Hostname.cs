namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// EMS's Hostname value (Enable-/Set-OutlookAnywhere -ExternalHostname): a DNS host name such as mail.lab.local,
/// checked while the parameter binds, so a bad one stops the command before anything is written.
/// </summary>
public sealed class Hostname
{
    public Hostname(string value)
    {
        if (!Core.Naming.Fqdn.IsValid(value))
            throw new ArgumentException($"'{value}' is not a host name: use one such as mail.lab.local (labels of letters, digits and hyphens).");
        HostnameString = value;
    }

    public string HostnameString { get; }

    public override string ToString() => HostnameString;
}
