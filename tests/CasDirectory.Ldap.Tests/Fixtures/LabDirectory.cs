using CasDirectory.Core.Naming;
using CasDirectory.Ldap.Local;

namespace CasDirectory.Ldap.Tests.Fixtures;

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

    /// <summary>Runs casdir against this lab (through CASDIR_DATA, as a user who exported it).</summary>
    public ProcessResult Casdir(params string[] arguments) =>
        Fixtures.Casdir.Run(arguments, new Dictionary<string, string?> { ["CASDIR_DATA"] = DataDirectory });

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
