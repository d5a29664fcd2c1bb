namespace CasDirectory.Ldap.Connection;

/// <summary>A simple-bind identity. The password never appears in ToString or logs.</summary>
public sealed class DirectoryCredential(string dn, string password)
{
    public string Dn { get; } = dn;
    internal string Password { get; } = password;

    /// <summary>Reads the password from a file as written by <c>casdir up</c> (no trailing newline expected; one is ignored).</summary>
    public static DirectoryCredential FromPasswordFile(string dn, string passwordFile) =>
        new(dn, File.ReadAllText(passwordFile).TrimEnd('\r', '\n'));

    public override string ToString() => Dn;
}
