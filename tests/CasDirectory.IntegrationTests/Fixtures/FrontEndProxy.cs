using CasDirectory.Ldap.Connection;
using CasDirectory.Ldap.FrontEnd;
using CasDirectory.Ldap.Local;

namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>
/// A real haproxy front end (casdir frontend) before the providers and consumers of a replicated lab, in a temporary
/// folder; stopped on dispose. A machine without haproxy fails here with the apt hint; nothing is skipped.
/// </summary>
public sealed class FrontEndProxy : IDisposable
{
    private readonly TemporaryFolder _folder = new("casdir-frontend");

    public FrontEndProxy(IReadOnlyList<string> providers, IReadOnlyList<string>? consumers = null)
    {
        Folder = _folder.Combine("fe");
        State = FrontEnd.Start(new FrontEndOptions { Folder = Folder, Providers = providers, Consumers = consumers ?? [] });
    }

    public string Folder { get; }
    public FrontEndState State { get; }

    /// <summary>The write endpoint over LDAPS (the providers' CA).</summary>
    public DirectoryEndpoint WriteEndpoint => DirectoryEndpoint.Parse(State.WriteLdapsUrl) with { CaFile = State.CaFile };

    public DirectoryEndpoint ReadEndpoint => DirectoryEndpoint.Parse(State.ReadUrl);

    public FrontEndStatus Status() => FrontEnd.Status(Folder);

    /// <summary>A session through the write endpoint as the first provider's account (default: provisioning).</summary>
    public DirectorySession WriteSession(string account = DirectoryAccounts.Provisioning)
    {
        var (endpoint, credential) = DirectoryTarget.Resolve(null, Folder, account);
        return new DirectorySession(endpoint, credential);
    }

    public void Dispose()
    {
        try
        {
            FrontEnd.Stop(Folder);
        }
        finally
        {
            _folder.Dispose();
        }
    }
}
