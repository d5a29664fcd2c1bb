using System.Management.Automation;
using CasDirectory.Core;

namespace CasDirectory.PowerShell.Validation;

/// <summary>
/// Validates each value of a parameter with a rule of the core while PowerShell binds it, so a malformed value
/// is a parameter-binding error (nothing runs, casdir exits 2) with the core's own message.
/// </summary>
public abstract class DomainValidationAttribute : ValidateEnumeratedArgumentsAttribute
{
    protected abstract void Check(string value);

    protected sealed override void ValidateElement(object element)
    {
        var value = element is PSObject wrapped ? wrapped.BaseObject : element;
        try
        {
            Check(value?.ToString() ?? "");
        }
        catch (DomainRuleException e)
        {
            throw new ValidationMetadataException(e.Message);
        }
    }
}

/// <summary>An FQDN such as outlook.lab.local (labels of letters, digits and hyphens).</summary>
public sealed class ValidateFqdnAttribute(string parameter = "Fqdn") : DomainValidationAttribute
{
    protected override void Check(string value) => Core.Naming.Fqdn.Require(value, parameter);
}

/// <summary>A name for a new object: 1–64 characters, no control or format character, none that carry meaning in DNs and filters.</summary>
public sealed class ValidateObjectNameAttribute(string parameter = "Name") : DomainValidationAttribute
{
    protected override void Check(string value) => Core.Naming.ObjectName.Require(value, parameter);
}

/// <summary>An IP address written out in full: four decimal octets without leading zeros, or IPv6.</summary>
public sealed class ValidateIPAddressAttribute(string parameter = "IPAddress") : DomainValidationAttribute
{
    protected override void Check(string value) => Core.Sites.IpAddresses.Parse(value, parameter);
}

/// <summary>A canonical CIDR subnet such as 10.1.0.0/16.</summary>
public sealed class ValidateSubnetAttribute : DomainValidationAttribute
{
    protected override void Check(string value) => Core.Sites.AdSubnet.ParsePrefix(value);
}

/// <summary>An Exchange version in dotted form, such as 14.2.247.5.</summary>
public sealed class ValidateExchangeVersionAttribute : DomainValidationAttribute
{
    protected override void Check(string value) => Core.Servers.ServerVersion.Parse(value);
}

/// <summary>An absolute http(s) URL with a host name (virtual directory URLs, the Autodiscover URI).</summary>
public sealed class ValidateUrlAttribute(string parameter) : DomainValidationAttribute
{
    protected override void Check(string value)
    {
        if (!(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && Core.Naming.Fqdn.IsValid(uri.Host)))
            throw new DomainRuleException($"-{parameter} '{value}' is not an absolute http(s) URL with a host name, such as https://mail.lab.local/owa.", isMalformedInput: true);
    }
}
