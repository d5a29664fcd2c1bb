namespace CasDirectory.Ldap.Local;

/// <summary>
/// Finds OpenLDAP's server programs, modules and system schema. Search order: CASDIR_SLAPD_PATH
/// (colon-separated folders) if set, else PATH and the usual sbin folders.
/// </summary>
public sealed record SlapdInstallation(string Slapd, string Slapadd, string Slaptest, string ModuleDirectory, string SystemSchemaDirectory)
{
    public const string InstallHint =
        "Install it with: sudo apt-get install -y slapd ldap-utils   " +
        "(to keep Debian from configuring a system directory first: " +
        "echo 'slapd slapd/no_configuration boolean true' | sudo debconf-set-selections).";

    private static readonly string[] ModuleDirectories = ["/usr/lib/ldap", "/usr/lib64/openldap", "/usr/lib/openldap", "/usr/local/libexec/openldap"];
    private static readonly string[] SchemaDirectories = ["/etc/ldap/schema", "/etc/openldap/schema", "/usr/local/etc/openldap/schema"];

    public static SlapdInstallation Locate(IEnumerable<string>? searchDirectories = null)
    {
        var folders = (searchDirectories ?? DefaultSearchDirectories()).ToList();
        string Find(string program) =>
            folders.Select(folder => Path.Combine(folder, program)).FirstOrDefault(File.Exists)
            ?? throw new LocalDirectoryException(
                $"OpenLDAP's {program} was not found (looked in {string.Join(", ", folders.Distinct())}). {InstallHint}");

        var slapd = Find("slapd");
        var slapadd = Find("slapadd");
        var slaptest = Find("slaptest");
        var modules = ModuleDirectories.FirstOrDefault(d => File.Exists(Path.Combine(d, "back_mdb.so")) || File.Exists(Path.Combine(d, "back_mdb.la")))
            ?? throw new LocalDirectoryException($"slapd's back_mdb module was not found in {string.Join(", ", ModuleDirectories)}. {InstallHint}");
        var schema = SchemaDirectories.FirstOrDefault(d => File.Exists(Path.Combine(d, "core.schema")))
            ?? throw new LocalDirectoryException($"OpenLDAP's core.schema was not found in {string.Join(", ", SchemaDirectories)}. {InstallHint}");
        return new SlapdInstallation(slapd, slapadd, slaptest, modules, schema);
    }

    private static IEnumerable<string> DefaultSearchDirectories()
    {
        var configured = Environment.GetEnvironmentVariable("CASDIR_SLAPD_PATH");
        if (!string.IsNullOrWhiteSpace(configured))
            return configured.Split(':', StringSplitOptions.RemoveEmptyEntries);
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return path.Concat(["/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/local/libexec", "/usr/libexec"]);
    }
}
