using CasDirectory.Ldap.Local;

namespace CasDirectory.Ldap.Connection;

/// <summary>
/// Which directory a casdir command talks to, and as whom: <c>-DomainController ldap://host:port</c> with
/// (or CASDIR_DOMAIN_CONTROLLER) with credentials from CASDIR_BIND_DN plus CASDIR_BIND_PASSWORD_FILE (a file readable by its owner only) or
/// CASDIR_BIND_PASSWORD; otherwise the local directory of --data / CASDIR_DATA, as its provisioning account (or the one asked for).
/// </summary>
public static class DirectoryTarget
{
    public const string BindDnVariable = "CASDIR_BIND_DN";
    public const string PasswordFileVariable = "CASDIR_BIND_PASSWORD_FILE";
    public const string PasswordVariable = "CASDIR_BIND_PASSWORD";
    public const string DataVariable = "CASDIR_DATA";
    public const string DomainControllerVariable = "CASDIR_DOMAIN_CONTROLLER";

    public static (DirectoryEndpoint Endpoint, DirectoryCredential Credential) Resolve(string? domainController, string? dataDirectory, string account = DirectoryAccounts.Provisioning) =>
        Resolve(domainController, dataDirectory, credential: null, account);

    /// <summary>As above, binding as <paramref name="credential"/> when given (PowerShell's -Credential) instead of the environment's or the local account's.</summary>
    /// <param name="durable">Durable writes (also CASDIR_DURABLE=1): the endpoint then carries the mirrors every write must reach.</param>
    public static (DirectoryEndpoint Endpoint, DirectoryCredential Credential) Resolve(string? domainController, string? dataDirectory, DirectoryCredential? credential, string account = DirectoryAccounts.Provisioning,
        bool startTls = false, bool allowInsecureBind = false, bool durable = false)
    {
        durable = durable || DurableWrites.RequestedByEnvironment();
        var (endpoint, resolved, mirrors) = ResolveTarget(domainController, dataDirectory, credential, account, startTls, allowInsecureBind);
        if (!durable)
            return (endpoint, resolved);
        if (!mirrors.Any(m => m.Host != endpoint.Host || m.Port != endpoint.Port))
            throw new DirectoryTargetException(
                $"Durable writes wait for the mirror, and casdir does not know one for {endpoint}: name it in the list (-DomainController ldaps://writer,ldaps://mirror), " +
                "or use --data with the folder of a front end (casdir frontend) or of a replicated directory (casdir up --mirror-of).", isUsage: true);
        return (endpoint with { Durable = new DurableWrites(DurableWrites.TimeoutFromEnvironment(), mirrors) }, resolved);
    }

    private static (DirectoryEndpoint Endpoint, DirectoryCredential Credential, IReadOnlyList<DirectoryEndpoint> Mirrors) ResolveTarget(
        string? domainController, string? dataDirectory, DirectoryCredential? credential, string account, bool startTls, bool allowInsecureBind)
    {
        domainController = !string.IsNullOrWhiteSpace(domainController) ? domainController : Environment.GetEnvironmentVariable(DomainControllerVariable);
        if (!string.IsNullOrWhiteSpace(domainController))
        {
            // A list (ldaps://a,ldaps://b): reads may go to any; writes to the first that answers, only (DirectoryEndpoint.Alternates).
            var items = domainController.Split(',', StringSplitOptions.TrimEntries);
            if (items.Any(i => i.Length == 0))
                throw new DirectoryTargetException($"-DomainController '{domainController}' has an empty item: give URLs separated by commas, such as ldaps://dc1:636,ldaps://dc2:636.", isUsage: true);
            var endpoints = items.Select(i => ParseEndpoint(i) with { StartTls = startTls || IsSet(StartTlsVariable) }).ToList();
            if (endpoints.GroupBy(e => (e.Host.ToLowerInvariant(), e.Port)).FirstOrDefault(g => g.Count() > 1) is { } twice)
                throw new DirectoryTargetException($"-DomainController names {twice.First()} twice.", isUsage: true);
            foreach (var one in endpoints)
                RefuseInsecureBind(one, allowInsecureBind || IsSet(AllowInsecureBindVariable));
            return (endpoints[0] with { Alternates = endpoints.Skip(1).ToList() }, credential ?? CredentialFromEnvironment(domainController), endpoints);
        }

        var folder = !string.IsNullOrWhiteSpace(dataDirectory) ? dataDirectory : Environment.GetEnvironmentVariable(DataVariable);
        if (string.IsNullOrWhiteSpace(folder))
            throw new DirectoryTargetException(
                $"No directory given: pass --data DIR (a directory made by 'casdir up') or set {DataVariable}, or name one with -DomainController ldap://host:port.");
        if (FrontEnd.FrontEndState.IsIn(folder))
            return ThroughFrontEnd(folder, credential, account);
        var data = new DataDirectory(folder);
        if (!data.Exists)
            throw new DirectoryTargetException($"{data.Root} holds no CasDirectory directory. Create one with: casdir up --data {folder}");
        var state = LocalDirectoryState.Load(data);
        if (!state.Accounts.TryGetValue(account, out var local))
            throw new DirectoryTargetException($"{data.StateFile} names no '{account}' account; it was not written by this casdir. Recreate the directory with casdir up.");
        if (credential is null && !File.Exists(local.PasswordFile))
            throw new DirectoryTargetException($"The {account} account's password file {local.PasswordFile} (named in {data.StateFile}) is missing.");
        // A local directory that serves LDAPS is reached over it, trusting its own CA (README, "TLS").
        return (LocalEndpoint(state), credential ?? DirectoryCredential.FromPasswordFile(local.Dn, local.PasswordFile), Peers(data));
    }

    private static DirectoryEndpoint LocalEndpoint(LocalDirectoryState state) =>
        (state.LdapsUrl is { } ldaps && state.CaFile is { } ca && File.Exists(ca)
            ? DirectoryEndpoint.Parse(ldaps) with { CaFile = ca }
            : DirectoryEndpoint.Parse(state.Url)) with { ServerId = state.ServerId };

    /// <summary>
    /// A front end's folder (casdir frontend): its write endpoint (LDAPS, trusting the providers' CA), bound as the first
    /// provider's account; its providers are the mirrors a durable write waits for (the writer among them holds its own writes).
    /// </summary>
    private static (DirectoryEndpoint, DirectoryCredential, IReadOnlyList<DirectoryEndpoint>) ThroughFrontEnd(string folder, DirectoryCredential? credential, string account)
    {
        FrontEnd.FrontEndState frontEnd;
        try
        {
            frontEnd = FrontEnd.FrontEndState.Load(folder);
        }
        catch (FrontEnd.FrontEndException e)
        {
            throw new DirectoryTargetException(e.Message);
        }
        var providers = frontEnd.Providers.Select(p => new DataDirectory(p.Folder)).ToList();
        var first = LocalDirectoryState.Load(providers[0]);
        if (!first.Accounts.TryGetValue(account, out var local))
            throw new DirectoryTargetException($"{providers[0].StateFile} names no '{account}' account.");
        var endpoint = frontEnd.CaFile is { } ca && File.Exists(ca)
            ? DirectoryEndpoint.Parse(frontEnd.WriteLdapsUrl) with { CaFile = ca }
            : DirectoryEndpoint.Parse(frontEnd.WriteUrl);
        var mirrors = providers.Where(p => p.Exists).Select(p => LocalEndpoint(LocalDirectoryState.Load(p))).ToList();
        return (endpoint, credential ?? DirectoryCredential.FromPasswordFile(local.Dn, local.PasswordFile), mirrors);
    }

    /// <summary>The other providers a replicated local directory names in its casdir.json (casdir up --mirror-of).</summary>
    private static IReadOnlyList<DirectoryEndpoint> Peers(DataDirectory data)
    {
        var state = LocalDirectoryState.Load(data);
        return state.KnownPeers.Where(p => p.Role == ReplicaRole.Provider)
            .Select(p => (p.LdapsUrl is { } ldaps && state.CaFile is { } ca && File.Exists(ca)
                ? DirectoryEndpoint.Parse(ldaps) with { CaFile = ca }
                : DirectoryEndpoint.Parse(p.Url)) with { ServerId = p.ServerId }).ToList();
    }

    public const string CaFileVariable = "CASDIR_CA_FILE";
    public const string AllowInsecureBindVariable = "CASDIR_ALLOW_INSECURE_BIND";
    public const string StartTlsVariable = "CASDIR_START_TLS";

    private static bool IsSet(string variable) => Environment.GetEnvironmentVariable(variable) is "1" or "true";

    /// <summary>A password never crosses a network in clear: a simple bind over plain ldap:// is for loopback only,
    /// unless -AllowInsecureBind (CASDIR_ALLOW_INSECURE_BIND=1) says otherwise (README, "TLS").</summary>
    private static void RefuseInsecureBind(DirectoryEndpoint endpoint, bool allowed)
    {
        if (endpoint.ProtectsPasswords)
            return;
        if (allowed)
        {
            Console.Error.WriteLine($"casdir: warning: binding to {endpoint} without TLS sends the password in clear (-AllowInsecureBind).");
            return;
        }
        throw new DirectoryTargetException(
            $"-DomainController {endpoint} would send the password in clear over the network. Use ldaps://{endpoint.Host}:636 or -StartTls (with {CaFileVariable} " +
            $"naming its CA if the system does not trust it), or -AllowInsecureBind to accept that.", isUsage: true);
    }

    /// <summary>CASDIR_CA_FILE must be a PEM certificate: anything else is said here, not deep in a TLS handshake.</summary>
    private static string CheckedCaFile(string caFile)
    {
        if (!File.Exists(caFile))
            throw new DirectoryTargetException($"{CaFileVariable} names {caFile}, which does not exist.");
        try
        {
            using var _ = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new DirectoryTargetException($"{CaFileVariable} names {caFile}, which is not a PEM CA certificate ({e.Message.Trim()}).", isUsage: true);
        }
        return Path.GetFullPath(caFile);
    }

    private static DirectoryEndpoint ParseEndpoint(string url)
    {
        try
        {
            var endpoint = DirectoryEndpoint.Parse(url.Contains("://") ? url : "ldap://" + url);
            return Environment.GetEnvironmentVariable(CaFileVariable) is { Length: > 0 } caFile
                ? endpoint with { CaFile = CheckedCaFile(caFile) }
                : endpoint;
        }
        catch (FormatException e)
        {
            throw new DirectoryTargetException($"-DomainController {e.Message}", isUsage: true);
        }
    }

    private static DirectoryCredential CredentialFromEnvironment(string domainController)
    {
        var dn = Environment.GetEnvironmentVariable(BindDnVariable);
        if (string.IsNullOrWhiteSpace(dn))
            throw new DirectoryTargetException($"-DomainController {domainController} needs credentials: set {BindDnVariable} and {PasswordFileVariable} (or {PasswordVariable}).");
        var file = Environment.GetEnvironmentVariable(PasswordFileVariable);
        if (!string.IsNullOrWhiteSpace(file))
        {
            if (!File.Exists(file))
                throw new DirectoryTargetException($"{PasswordFileVariable} names {file}, which does not exist.");
            var mode = File.GetUnixFileMode(file);
            if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
                throw new DirectoryTargetException($"{file} can be read by others; restrict it first: chmod 600 {file}");
            return DirectoryCredential.FromPasswordFile(dn, file);
        }
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
            throw new DirectoryTargetException($"Set {PasswordFileVariable} (preferred) or {PasswordVariable} with the password of {dn}.");
        return new DirectoryCredential(dn, password);
    }
}

/// <summary>The command names no usable directory or credentials.</summary>
public sealed class DirectoryTargetException(string message, bool isUsage = false) : Exception(message)
{
    public bool IsUsage { get; } = isUsage;
}
