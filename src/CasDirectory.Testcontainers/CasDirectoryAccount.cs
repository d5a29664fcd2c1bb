namespace CasDirectory.Testcontainers;

/// <summary>
/// The directory's application accounts, each with only the rights its job needs (CasDirectory's README, "Accounts").
/// Their passwords are generated when the container first starts; <see cref="CasDirectoryContainer.GetCredential"/>
/// returns them.
/// </summary>
public enum CasDirectoryAccount
{
    /// <summary>Reads the configuration partition; writes nothing.</summary>
    Reader,

    /// <summary>Creates, changes and removes Exchange objects, as the Exchange Management Shell does; what
    /// <see cref="CasDirectoryContainer.RunCasdirAsync(string, System.Threading.CancellationToken)"/> and
    /// <see cref="CasDirectoryBuilder.WithLdif"/> use.</summary>
    Provisioning,

    /// <summary>Changes only a server's site (msExchServerSite) and reads the access log: the site-topology service's account.</summary>
    Updater,
}
