using System.Management.Automation;

namespace CasDirectory.PowerShell.Validation;

/// <summary>
/// A Uri parameter of the virtual directory cmdlets (-InternalUrl, -ExternalUrl, -XropUrl, …): an absolute http(s) URL
/// with a host name, checked while the parameter binds; $null (which clears the setting) passes. A URL carrying a user
/// name or password is refused: the directory is readable by every browsing account and a client would be sent it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValidateUriAttribute(string parameter) : ValidateArgumentsAttribute
{
    protected override void Validate(object? arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
        if (value is null)
            return;
        var text = value is Uri uri ? uri.OriginalString : value.ToString() ?? "";
        if (!(Uri.TryCreate(text, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http" && Core.Naming.Fqdn.IsValid(parsed.Host)))
            throw new ValidationMetadataException($"-{parameter} '{text}' is not an absolute http(s) URL with a host name, such as https://mail.lab.local/owa.");
        if (parsed.UserInfo.Length > 0)
            // The value is not echoed: it holds a credential.
            throw new ValidationMetadataException($"-{parameter} holds a user name or password before the host ('user:password@'); a virtual directory's URL is published to every client and browsing account, so it never carries one.");
    }
}
