using System.Diagnostics;
using CasDirectory.Ldap.Local;

namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>
/// OpenLDAP's own command-line tools (ldapsearch, ldapadd, ldapmodify, ldapmodrdn) run against a lab
/// directory as one of its accounts: the "raw LDAP" a user of ADSI-Edit habits would use.
/// </summary>
public sealed class LdapTools(LocalDirectoryStatus directory)
{
    public const string InstallHint = "OpenLDAP's client tools are missing: sudo apt-get install -y ldap-utils";

    /// <summary>Anonymous, when passed as the account.</summary>
    public const string Anonymous = "";

    public LdapToolResult Search(string account, string baseDn, string filter = "(objectClass=*)", string scope = "sub", params string[] attributes) =>
        Run("ldapsearch", account, ["-LLL", "-o", "ldif-wrap=no", "-b", baseDn, "-s", scope, filter, .. attributes]);

    public IReadOnlyList<LdifEntry> Entries(string account, string baseDn, string filter = "(objectClass=*)", string scope = "sub", params string[] attributes)
    {
        var result = Search(account, baseDn, filter, scope, attributes);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"ldapsearch as {account} failed ({result.ExitCode}): {result.Error}");
        return LdifEntry.Parse(result.Output);
    }

    /// <summary>AD's search options control with SERVER_SEARCH_FLAG_PHANTOM_ROOT, non-critical (BER {INTEGER 2}): a subtree
    /// search that crosses into every naming context below its base, as a global catalog's would.</summary>
    public const string PhantomRoot = "1.2.840.113556.1.4.1340=::MAMCAQI=";

    /// <summary>A subtree search of every naming context at once (the domain and, below it, the configuration).</summary>
    public IReadOnlyList<LdifEntry> EntriesEverywhere(string account, string filter, params string[] attributes)
    {
        var result = Run("ldapsearch", account, ["-LLL", "-o", "ldif-wrap=no", "-E", PhantomRoot, "-b", directory.State.BaseDn, "-s", "sub", filter, .. attributes]);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"ldapsearch as {account} failed ({result.ExitCode}): {result.Error}");
        return LdifEntry.Parse(result.Output);
    }

    public LdapToolResult Add(string account, string ldif, params string[] extra) => Run("ldapadd", account, extra, ldif);

    public LdapToolResult Modify(string account, string ldif, params string[] extra) => Run("ldapmodify", account, extra, ldif);

    /// <summary>ldapcompare: exit 6 when the entry holds the value (compareTrue), 5 when it does not (compareFalse).</summary>
    public LdapToolResult Compare(string account, string dn, string assertion) => Run("ldapcompare", account, [dn, assertion]);

    public LdapToolResult Rename(string account, string dn, string newRdn) =>
        Run("ldapmodrdn", account, ["-r", dn, newRdn]);

    public ProcessStartInfo StartInfo(string tool, string account, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }; // redirected here too: the race test drives these processes itself
        info.Environment["LDAPNOINIT"] = "1"; // ignore /etc/ldap/ldap.conf and ~/.ldaprc
        info.ArgumentList.Add("-x");
        info.ArgumentList.Add("-H");
        info.ArgumentList.Add(directory.State.Url);
        if (account != Anonymous)
        {
            var credential = directory.State.Accounts[account];
            info.ArgumentList.Add("-D");
            info.ArgumentList.Add(credential.Dn);
            info.ArgumentList.Add("-y");
            info.ArgumentList.Add(credential.PasswordFile);
        }
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        return info;
    }

    public LdapToolResult Run(string tool, string account, IEnumerable<string> arguments, string? input = null)
    {
        try
        {
            var (exitCode, output, error) = ProcessRunner.Run(StartInfo(tool, account, arguments), input);
            return new LdapToolResult(exitCode, output, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(InstallHint, e);
        }
    }
}

/// <summary>Exit code and output of one OpenLDAP tool run. LDAP result codes come back as exit codes.</summary>
public sealed record LdapToolResult(int ExitCode, string Output, string Error)
{
    public const int ConstraintViolation = 19;
    public const int NoSuchObject = 32;
    public const int InsufficientAccess = 50;

    public override string ToString() => $"exit {ExitCode}: {Error.Trim()} {Output.Trim()}";
}
