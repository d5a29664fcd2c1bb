using System.Security.Cryptography;
using System.Text;

namespace CasDirectory.Ldap.Local;

/// <summary>Generated account passwords and their salted SHA-1 ({SSHA}) hashes for userPassword / rootpw.</summary>
public static class PasswordSecrets
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public static string Generate(int length = 32) => RandomNumberGenerator.GetString(Alphabet, length);

    public static string HashSsha(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(8);
        var input = Encoding.UTF8.GetBytes(password).Concat(salt).ToArray();
        return "{SSHA}" + Convert.ToBase64String(SHA1.HashData(input).Concat(salt).ToArray());
    }

    /// <summary>Writes a file readable by its owner only (0600), created with that mode so it is never briefly wider.</summary>
    public static void WritePrivateFile(string path, string content) => AtomicFile.Write(path, content, isPrivate: true);
}
