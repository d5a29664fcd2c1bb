namespace CasDirectory.Testcontainers;

/// <summary>
/// Ready means ready: the directory answers its reader account's bind and search of the configuration partition
/// (so it is ours, configured and loaded), and, when the site-topology service runs, that service reports itself
/// healthy and following the directory. Both are asked inside the container, so the test host needs no LDAP library.
/// </summary>
internal sealed class UntilReaderReadsConfiguration : IWaitUntil
{
    public async Task<bool> UntilAsync(IContainer container)
    {
        var directory = (CasDirectoryContainer)container;
        var search = await container.ExecAsync(
        [
            "ldapsearch", "-x", "-LLL", "-H", "ldap://127.0.0.1/",
            "-D", directory.AccountDn(CasDirectoryAccount.Reader), "-y", CasDirectoryContainer.PasswordFile(CasDirectoryAccount.Reader),
            "-b", directory.ConfigurationNamingContext, "-s", "base", "1.1",
        ]).ConfigureAwait(false);
        if (search.ExitCode != 0)
            return false;
        if (!directory.RunsSiteTopologyService)
            return true;
        var probe = await container.ExecAsync(["/usr/local/bin/casdir-container", "--probe"]).ConfigureAwait(false);
        return probe.ExitCode == 0;
    }
}
