using System.Management.Automation;
using CasDirectory.Core.ClientAccess;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Naming;
using CasDirectory.Core.Servers;
using CasDirectory.Core.Settings;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>
/// <para type="synopsis">Sets a Client Access server's AutoDiscoverSiteScope and AutoDiscoverServiceInternalUri (its Autodiscover SCP, B5), its IRM logging settings, IsOutOfService and its alternate service account.</para>
/// <para type="description">The settings kept on the server (IrmLog*, IsOutOfService, the alternate service account) are written in one LDAP modify of its entry; the Autodiscover ones in one write of its SCP (docs/settings.md). The alternate service account: Exchange keeps the credentials, passwords included, outside AD's readable attributes. This directory keeps no secret in the configuration partition, so -AlternateServiceAccountCredential stores only the credentials' user names (casdirAlternateServiceAccount), never a password; the password is not read, printed or logged. -RemoveAlternateServiceAccountCredentials removes them all; -CleanUpInvalidAlternateServiceAccountCredentials removes the user names that name no user or computer account in the domain.</para>
/// </summary>
/// <example>
/// <code>$s = (Get-ClientAccessServer E2K10-MLT-02).AutoDiscoverSiteScope; $s += "Site-B"; Set-ClientAccessServer E2K10-MLT-02 -AutoDiscoverSiteScope $s</code>
/// <para>Adds Site-B to the server's AutoDiscoverSiteScope, keeping the sites it already serves.</para>
/// </example>
/// <example>
/// <code>Set-ClientAccessServer E2K10-MLT-01 -IrmLogMaxAge 14.00:00:00 -IrmLogMaxFileSize 20MB -IrmLogPath "D:\Logs\IRM"</code>
/// <para>Keeps IRM logs for 14 days, in files of up to 20 MB, on drive D.</para>
/// </example>
/// <example>
/// <code>Set-ClientAccessServer E2K10-MLT-01 -AlternateServiceAccountCredential (Get-Credential LAB\casasa)</code>
/// <para>Records LAB\casasa as the server's alternate service account (the user name only; the password is not kept).</para>
/// </example>
/// <example>
/// <code>Set-ClientAccessServer -Identity "E2K10-MLT-01" -AutoDiscoverServiceInternalUri "https://E2K10-MLT-01.lab.local/autodiscover/autodiscover.xml" -AutoDiscoverSiteScope "Site-A"</code>
/// <para>Sets the internal Autodiscover URL of E2K10-MLT-01 and the site it answers for (Microsoft Learn, Set-ClientAccessServer, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Set, "ClientAccessServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "Identity")]
public sealed class SetClientAccessServerCommand : CasDirectoryCmdlet
{
    /// <summary>The Client Access server.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ClientAccessServerIdParameter Identity { get; set; } = null!;

    /// <summary>The sites this server's Autodiscover SCP serves (replaces the list; $null or @() clears it).</summary>
    [Parameter(ParameterSetName = "Identity")]
    [AllowNull, AllowEmptyCollection]
    [ExchangeValue(typeof(MultiValuedProperty<string>))]
    [ValidateObjectName("AutoDiscoverSiteScope")]
    [ArgumentCompleter(typeof(SiteNameCompleter))]
    public MultiValuedProperty<string>? AutoDiscoverSiteScope { get; set; }

    /// <summary>The internal Autodiscover URL published in the SCP.</summary>
    [Parameter(ParameterSetName = "Identity")]
    [ValidateUri("AutoDiscoverServiceInternalUri")]
    public Uri? AutoDiscoverServiceInternalUri { get; set; }

    /// <summary>Whether IRM transactions are logged (msExchTransportFlags bit 1024; default $true).</summary>
    [Parameter] public bool IrmLogEnabled { get; set; }

    /// <summary>How long IRM logs are kept, up to 24855.03:14:07 in whole seconds (msExchIRMLogMaxAge; default 30.00:00:00).</summary>
    [Parameter, ExchangeValue(typeof(EnhancedTimeSpan))] public EnhancedTimeSpan IrmLogMaxAge { get; set; }

    /// <summary>The largest the IRM log directory may grow: a size or Unlimited (msExchIRMLogMaxDirectorySize, bytes; default Unlimited).</summary>
    [Parameter, ExchangeValue(typeof(Unlimited<ByteQuantifiedSize>))] public Unlimited<ByteQuantifiedSize> IrmLogMaxDirectorySize { get; set; }

    /// <summary>The largest an IRM log file may grow, 1 B to 4 GB (msExchIRMLogMaxFileSize, bytes; default 10 MB).</summary>
    [Parameter, ExchangeValue(typeof(ByteQuantifiedSize))] public ByteQuantifiedSize IrmLogMaxFileSize { get; set; }

    /// <summary>The IRM log directory, a full local path such as C:\Logs\IRM (msExchIRMLogPath); $null clears it.</summary>
    [Parameter, AllowNull] public Objects.LocalLongFullPath? IrmLogPath { get; set; }

    /// <summary>Whether the server is out of service (msExchProvisioningFlags, non-zero = out of service).</summary>
    [Parameter] public bool IsOutOfService { get; set; }

    /// <summary>The alternate service account credentials: only their user names (DOMAIN\user or user@domain) are kept, never a password.</summary>
    [Parameter(ParameterSetName = "AlternateServiceAccount")]
    public PSCredential[]? AlternateServiceAccountCredential { get; set; }

    /// <summary>Removes the alternate service accounts that name no account in the domain.</summary>
    [Parameter(ParameterSetName = "AlternateServiceAccount")]
    public SwitchParameter CleanUpInvalidAlternateServiceAccountCredentials { get; set; }

    /// <summary>Removes every alternate service account of the server.</summary>
    [Parameter(ParameterSetName = "AlternateServiceAccount")]
    public SwitchParameter RemoveAlternateServiceAccountCredentials { get; set; }

    protected override void InternalProcessRecord()
    {
        var bound = MyInvocation.BoundParameters;
        var changes = SettingsGiven(ClientAccessServerSettings.All)
            .Select(c => c.Value is Objects.LocalLongFullPath path ? c with { Value = path.PathName } : c).ToList();
        foreach (var change in changes.Where(c => c.Definition.Syntax is not FlagBitSyntax)) // checked before anything is read or written
            change.Definition.Syntax.Write(change.Definition.Name, change.Value);
        var accounts = AlternateServiceAccountCredential?.Select(c => AccountName(c?.UserName)).ToList();
        var autodiscover = bound.ContainsKey(nameof(AutoDiscoverSiteScope)) || bound.ContainsKey(nameof(AutoDiscoverServiceInternalUri));
        if (changes.Count == 0 && !autodiscover && accounts is null && !RemoveAlternateServiceAccountCredentials && !CleanUpInvalidAlternateServiceAccountCredentials)
            throw new Core.DomainRuleException("Give at least one setting to change, such as -AutoDiscoverSiteScope, -IrmLogEnabled or -AlternateServiceAccountCredential.", isMalformedInput: true);

        var directory = DataSession;
        var server = ObjectLookup.Server(directory.ReadServersAndArrays().Servers.Where(s => s.HasRole(ServerRoles.ClientAccess)), Identity.RawIdentity,
            "Client Access server");
        CurrentTarget = server.Name;

        if (accounts is not null || RemoveAlternateServiceAccountCredentials || CleanUpInvalidAlternateServiceAccountCredentials)
        {
            var kept = RemoveAlternateServiceAccountCredentials ? [] : server.Stored.GetValueOrDefault(ClientAccessServerSettings.AlternateServiceAccount.Attribute, []).ToList();
            if (accounts is not null) // the new credentials first, as the current ones; the earlier ones stay as previous credentials
                kept = [.. accounts, .. kept.Where(k => !accounts.Contains(k, StringComparer.OrdinalIgnoreCase))];
            if (CleanUpInvalidAlternateServiceAccountCredentials)
                kept = kept.Where(k => AccountExists(directory, k)).ToList();
            changes.Add(new SettingChange(ClientAccessServerSettings.AlternateServiceAccount, kept));
        }

        var detail = string.Join(" ", changes.Select(c => c.Definition == ClientAccessServerSettings.AlternateServiceAccount
                ? $"-AlternateServiceAccountCredential {{{string.Join(", ", (IEnumerable<string>)c.Value!)}}} (user names only)"
                : $"-{c.Definition.Name} {c.Value ?? "$null"}")
            .Prepend(autodiscover ? $"-AutoDiscoverSiteScope/-AutoDiscoverServiceInternalUri" : null).OfType<string>());
        if (!ShouldWrite($"Client Access server \"{server.Name}\"", detail))
            return;
        if (changes.Count > 0)
            directory.WriteSettings(server.DistinguishedName, changes);
        if (autodiscover)
            WriteAutodiscover(directory, server);
    }

    private void WriteAutodiscover(Ldap.Exchange.ExchangeDirectory directory, Core.Servers.ExchangeServer server)
    {
        var sites = directory.ReadSites();
        var scp = directory.ReadAutodiscoverScps().FirstOrDefault(x => ObjectLookup.Same(x.ServerName, server.Name));
        var scope = MyInvocation.BoundParameters.ContainsKey(nameof(AutoDiscoverSiteScope))
            ? (AutoDiscoverSiteScope ?? MultiValuedProperty<string>.Empty).Distinct(ObjectName.Comparer).ToList()
            : scp?.SiteScope ?? [];
        foreach (var unknown in scope.Where(s => !sites.Contains(s, ObjectName.Comparer)))
            WriteWarning($"The site '{unknown}' does not exist; {server.Name}'s SCP will name it all the same.");
        directory.SetAutodiscover(server.Name, server.Fqdn ?? server.Name, scope, AutoDiscoverServiceInternalUri?.OriginalString ?? scp?.InternalUri);
    }

    /// <summary>A credential's user name as Exchange takes it: DOMAIN\user or user@domain.</summary>
    private static string AccountName(string? userName)
    {
        var name = userName?.Trim() ?? "";
        var parts = name.Split('\\');
        var valid = name.Length is > 0 and <= 256 && !name.Any(char.IsControl) && (
            (parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 && !name.Contains('@'))
            || (parts.Length == 1 && name.Split('@') is [{ Length: > 0 }, { } domain] && Fqdn.IsValid(domain)));
        return valid ? name : throw new Core.DomainRuleException(
            $"AlternateServiceAccountCredential '{userName}' is not valid: the user name must be DOMAIN\\user or user@domain.", isMalformedInput: true);
    }

    private static bool AccountExists(Ldap.Exchange.ExchangeDirectory directory, string account)
    {
        var user = account.Contains('\\') ? account[(account.IndexOf('\\') + 1)..] : account.Split('@')[0];
        try
        {
            return directory.FindReference(user, directory.Partition.DomainDn, ["user", "computer"], byMail: true) is not null;
        }
        catch (Core.DomainRuleException)
        {
            return true; // names several accounts: not provably invalid
        }
    }
}
