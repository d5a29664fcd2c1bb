using CasDirectory.Core.Naming;
using CasDirectory.Ldap.Local;

namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>
/// A real slapd started through the same launcher as <c>casdir up</c>: a temporary folder, a free port on
/// 127.0.0.1, our schema and overlays, and (by default) the sample lab. Stopped and deleted on dispose.
/// A machine without slapd fails here with the install hint; nothing is skipped.
/// </summary>
public sealed class LabDirectory : IDisposable
{
    private readonly TemporaryFolder _folder;

    private LabDirectory(TemporaryFolder folder, LocalDirectoryStatus status)
    {
        _folder = folder;
        Status = status;
        Tools = new LdapTools(status);
    }

    public LocalDirectoryStatus Status { get; }
    public string DataDirectory => Status.DataDirectory;
    public string Url => Status.State.Url;
    public LdapTools Tools { get; }
    public ConfigurationPartition Partition { get; } = ConfigurationPartition.Default;

    public static LabDirectory Start(string? sample = "lab", string? domain = null, string? organization = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var folder = new TemporaryFolder("casdir-lab");
            try
            {
                var (_, status) = LocalDirectory.Up(new LocalDirectoryOptions
                {
                    DataDirectory = folder.Combine("dir"),
                    Port = FreePort.Next(),
                    Sample = sample,
                    Domain = domain,
                    Organization = organization,
                });
                return new LabDirectory(folder, status);
            }
            catch (LocalDirectoryException e) when (attempt < 3 && e.Message.Contains("in use"))
            {
                folder.Dispose(); // another fixture took the port between our check and slapd's bind
            }
            catch
            {
                folder.Dispose();
                throw;
            }
        }
    }

    public LocalDirectoryAccount Account(string name) => Status.State.Accounts[name];

    /// <summary>A bound System.DirectoryServices.Protocols connection as one of the lab's accounts: raw LDAP, fast.</summary>
    public System.DirectoryServices.Protocols.LdapConnection Connect(string account)
    {
        var url = new Uri(Url);
        var credential = Account(account);
        var connection = new System.DirectoryServices.Protocols.LdapConnection(
            new System.DirectoryServices.Protocols.LdapDirectoryIdentifier(url.Host, url.Port),
            new System.Net.NetworkCredential(credential.Dn, File.ReadAllText(credential.PasswordFile).Trim()),
            System.DirectoryServices.Protocols.AuthType.Basic);
        connection.SessionOptions.ProtocolVersion = 3;
        connection.Timeout = TimeSpan.FromMinutes(1);
        connection.Bind();
        return connection;
    }

    /// <summary>One entry read with S.DS.P as an account (a base search), with a request control such as AD's: the way AD
    /// code reads one object.</summary>
    public System.DirectoryServices.Protocols.SearchResultEntry ReadEntry(string account, string dn, System.DirectoryServices.Protocols.DirectoryControl? control, params string[] attributes)
    {
        using var connection = Connect(account);
        var request = new System.DirectoryServices.Protocols.SearchRequest(dn, "(objectClass=*)", System.DirectoryServices.Protocols.SearchScope.Base, attributes);
        if (control is not null)
            request.Controls.Add(control);
        return ((System.DirectoryServices.Protocols.SearchResponse)connection.SendRequest(request)).Entries.Cast<System.DirectoryServices.Protocols.SearchResultEntry>().Single();
    }

    /// <summary>Runs a casdir line or script against this lab, in this process (casdir --data DIR …).</summary>
    public ProcessResult Casdir(params string[] arguments) => InProcessCasdir.Run([.. arguments, "--data", DataDirectory]);

    /// <summary>Runs the casdir program against this lab (through CASDIR_DATA, as a user who exported it).</summary>
    public ProcessResult CasdirProcess(IEnumerable<string> arguments, string? standardInput = null)
    {
        var info = ProcessRunner.StartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "casdir.dll"), .. arguments]);
        info.Environment["CASDIR_DATA"] = DataDirectory;
        return ProcessRunner.Run(info, standardInput);
    }

    /// <summary>The objects a casdir line writes, as JSON (ConvertTo-Json of its output).</summary>
    public System.Text.Json.JsonElement Json(string line)
    {
        var result = Casdir($"{line} | ConvertTo-Json -AsArray -Depth 4 -EnumsAsStrings");
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"casdir {line} failed: {result}");
        return System.Text.Json.JsonDocument.Parse(result.Output.Trim().Length == 0 ? "[]" : result.Output).RootElement; // ConvertTo-Json of nothing writes nothing
    }

    /// <summary>SIGKILLs this lab's slapd: no shutdown, nothing flushed beyond what mdb had committed.</summary>
    public void KillSlapd()
    {
        var pid = int.Parse(File.ReadAllText(Path.Combine(DataDirectory, "slapd", "slapd.pid")).Trim());
        using var slapd = System.Diagnostics.Process.GetProcessById(pid);
        slapd.Kill();
        slapd.WaitForExit();
    }

    /// <summary>Starts this lab's slapd again, as <c>casdir up</c> does for an existing directory.</summary>
    public void Restart() => LocalDirectory.Up(new LocalDirectoryOptions { DataDirectory = DataDirectory });

    /// <summary>How many writes have succeeded so far: every one lands in cn=accesslog.</summary>
    public int SuccessfulWrites() =>
        Tools.Entries(DirectoryAccounts.Updater, "cn=accesslog", "(&(objectClass=auditWriteObject)(reqResult=0))", "one", "1.1").Count;

    public void Dispose()
    {
        try
        {
            LocalDirectory.Down(DataDirectory);
        }
        finally
        {
            _folder.Dispose();
        }
    }
}
