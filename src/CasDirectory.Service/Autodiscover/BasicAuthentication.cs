using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CasDirectory.Service.Autodiscover;

/// <summary>
/// Basic authentication as a Client Access server asks it (docs/outlook.md, "Authentication"): the logon name
/// (DOMAIN\user, user@domain, an e-mail address) names one user, and a bind as that user checks the password. A wrong
/// or missing one is 401 with a challenge and nothing more. A checked password is remembered for CredentialCacheTime
/// as an HMAC under a key made at start, never as itself.
/// </summary>
public sealed class BasicAuthentication(AutodiscoverDirectory directory, IOptions<AutodiscoverOptions> options)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, (string Dn, DateTime Until)> _checked = new(StringComparer.Ordinal);

    /// <summary>The user's DN, or null (then the caller answers 401).</summary>
    public async Task<string?> Authenticate(HttpContext context, CancellationToken cancellation)
    {
        if (!TryParse(context.Request.Headers.Authorization.ToString(), out var logon, out var password))
            return null;
        var key = Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(logon.ToLowerInvariant() + "\0" + password)));
        if (_checked.TryGetValue(key, out var known) && known.Until > DateTime.UtcNow)
            return known.Dn;
        var dn = await directory.FindLogonDn(logon, cancellation);
        // An unknown name costs a bind too (of a DN no entry has), so the time an answer takes says nothing about which
        // logon names exist.
        var verified = await directory.VerifyPassword(dn ?? await directory.NoSuchUserDn(cancellation), password, cancellation);
        if (dn is null || !verified)
            return null;
        if (options.Value.CredentialCacheTime > TimeSpan.Zero)
        {
            if (_checked.Count >= 10_000)
            {
                // Bounded: expired entries go first; a flood of distinct logons still cannot grow it without end.
                foreach (var expired in _checked.Where(c => c.Value.Until <= DateTime.UtcNow).Select(c => c.Key).ToList())
                    _checked.TryRemove(expired, out _);
                if (_checked.Count >= 10_000)
                    _checked.Clear();
            }
            _checked[key] = (dn, DateTime.UtcNow + options.Value.CredentialCacheTime);
        }
        return dn;
    }

    /// <summary>"Basic base64(user:password)"; anything else (another scheme, bad base64, no colon, a control character) is no credential.</summary>
    public static bool TryParse(string header, out string logon, out string password)
    {
        logon = password = "";
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || header.Length > 4096)
            return false;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }
        var colon = decoded.IndexOf(':');
        if (colon <= 0 || decoded.Any(char.IsControl))
            return false;
        (logon, password) = (decoded[..colon], decoded[(colon + 1)..]);
        return password.Length > 0;
    }

    public static void Challenge(HttpContext context) =>
        context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{context.Request.Host.Host}\"";
}
