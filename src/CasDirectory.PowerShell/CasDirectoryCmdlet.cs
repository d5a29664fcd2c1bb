using System.Management.Automation;
using CasDirectory.Ldap.Exchange;
using CasDirectory.PowerShell.Errors;
using CasDirectory.PowerShell.Sessions;

namespace CasDirectory.PowerShell;

/// <summary>
/// What every CasDirectory cmdlet shares, as Exchange's own tasks do: -DomainController and -Credential, the
/// directory session of the current runspace, and one place where failures become ErrorRecords. A cmdlet
/// binds its parameters and does its work in <see cref="InternalProcessRecord"/>, calling the core and the directory.
/// </summary>
public abstract class CasDirectoryCmdlet : PSCmdlet
{
    private ExchangeDirectory? _directory;

    /// <summary>The domain controller: its FQDN, host:port or ldap(s)://host:port; without it, the local directory of $env:CASDIR_DATA (or CASDIR_DOMAIN_CONTROLLER).</summary>
    [Parameter]
    [ValidateNotNull]
    [ServerList]
    public Objects.Fqdn? DomainController { get; set; }

    /// <summary>-DomainController ldaps://a,ldaps://b unquoted reaches the parameter as a list: one value naming several
    /// servers, as CASDIR_DOMAIN_CONTROLLER does (reads from any, writes to the first that answers).</summary>
    private sealed class ServerListAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData) =>
            (inputData is PSObject p ? p.BaseObject : inputData) is System.Collections.IList list
                ? string.Join(",", list.Cast<object>().Select(v => v is PSObject o ? o.BaseObject : v))
                : inputData;
    }

    /// <summary>Bind as this account (user name = its DN) instead of CASDIR_BIND_DN or the local provisioning account.</summary>
    [Parameter]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>With an ldap:// -DomainController: upgrade the connection with StartTLS before binding (CASDIR_START_TLS=1 for every command).</summary>
    [Parameter]
    public SwitchParameter StartTls { get; set; }

    /// <summary>Bind over plain ldap:// to a host that is not loopback, sending the password in clear (a warning says so).</summary>
    [Parameter]
    public SwitchParameter AllowInsecureBind { get; set; }

    /// <summary>Report a write done only once the mirror holds it too (CASDIR_DURABLE=1 or $CasDirectoryDurable = $true for every
    /// command; CASDIR_DURABLE_TIMEOUT seconds, default 10). Otherwise the command fails saying the write is on the writer only.</summary>
    [Parameter]
    public SwitchParameter Durable { get; set; }

    /// <summary>The preference variable that makes every write durable (casdir --durable sets it).</summary>
    public const string DurableVariable = "CasDirectoryDurable";

    /// <summary>
    /// The directory, as this runspace's session for that target: opened on first use, its reads kept for one top-level
    /// command. Named as Exchange's tasks name theirs (DataSession), and so as not to hide System.IO.Directory.
    /// </summary>
    protected ExchangeDirectory DataSession => _directory ??= DirectoryConnections.For(this, DomainController?.Url, Credential, StartTls, AllowInsecureBind,
        Durable || LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue(DurableVariable)));

    /// <summary>The preference variable that makes New- and Remove- cmdlets resume an interrupted run (casdir -File … -Resume sets it).</summary>
    public const string ResumeVariable = "CasDirectoryResume";

    /// <summary>
    /// $CasDirectoryResume: re-running an interrupted script (docs/rules.md, "Resumable writes"). A New- whose object
    /// already exists with the same values is skipped (the existing object is written), a Remove- whose object is
    /// gone is skipped, and anything that differs is still an error. Half-written objects are finished either way.
    /// </summary>
    protected bool Resuming => LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue(ResumeVariable));

    /// <summary>Says, in -Verbose, that -Resume skipped a command whose work was already done.</summary>
    protected void SkipDone(string what) => WriteVerbose($"{what} is already as this command makes it: skipped (resuming).");

    /// <summary>The object being worked on, named in an ErrorRecord when the work fails.</summary>
    protected object? CurrentTarget { get; set; }

    protected abstract void InternalProcessRecord();

    protected sealed override void ProcessRecord()
    {
        CurrentTarget = null;
        try
        {
            InternalProcessRecord();
            WarnAboutMalformed();
        }
        catch (Core.ObjectNotFoundException) when (Resuming && MyInvocation.MyCommand.Name.StartsWith("Remove-", StringComparison.Ordinal))
        {
            WriteVerbose($"{MyInvocation.MyCommand.Name}: the object is already gone: skipped (resuming).");
        }
        catch (Exception e) when (e is not PipelineStoppedException and not ActionPreferenceStopException and not HaltCommandException)
        {
            var record = ErrorRecords.From(e, CurrentTarget);
            if (record.CategoryInfo.Category == ErrorCategory.InvalidArgument)
                ThrowTerminatingError(record);
            WriteError(record);
        }
    }

    /// <summary>
    /// A create that a rival won between this cmdlet's check and its write: slapd says "already exists", and the
    /// loser gets the same message the check would have given it (one message per situation, however the race ends).
    /// </summary>
    protected static T Creating<T>(Func<T> write, Func<string> alreadyExists)
    {
        try
        {
            return write();
        }
        catch (Ldap.Errors.DirectoryRefusedException e) when (e.Result == Ldap.Errors.DirectoryResult.EntryAlreadyExists)
        {
            throw new Core.DomainRuleException(alreadyExists());
        }
    }

    /// <summary>Malformed entries (docs/rules.md): each entry a read had to leave out, warned about once per session.</summary>
    private void WarnAboutMalformed()
    {
        if (_directory is null)
            return;
        foreach (var malformed in _directory.TakeUnreportedMalformed())
            WriteWarning($"Skipped {malformed}. Test-CasTopology lists such entries (MALFORMED).");
    }

    /// <summary>The settings of <paramref name="catalog"/> given as parameters of the same name, with the values bound.</summary>
    protected IEnumerable<Core.Settings.SettingChange> SettingsGiven(IEnumerable<Core.Settings.SettingDefinition> catalog) =>
        catalog.Where(d => MyInvocation.BoundParameters.ContainsKey(d.Name))
            .Select(d => new Core.Settings.SettingChange(d, MyInvocation.BoundParameters[d.Name] is PSObject p ? p.BaseObject : MyInvocation.BoundParameters[d.Name]));

    /// <summary>A reference setting given by name: replaced by the DN <paramref name="resolve"/> finds for it ($null stays a clear).</summary>
    protected static void Resolve(List<Core.Settings.SettingChange> changes, Core.Settings.SettingDefinition definition, string? identity, Func<string, string> resolve)
    {
        var index = changes.FindIndex(c => c.Definition == definition);
        if (index >= 0)
            changes[index] = changes[index] with { Value = string.IsNullOrEmpty(identity) ? null : resolve(identity) };
    }

    /// <summary>
    /// Whether to write: -WhatIf says "What if: Creating Client Access array …" and writes nothing; removals
    /// (ConfirmImpact High) ask first, and -Confirm:$false goes ahead without asking.
    /// </summary>
    protected bool ShouldWrite(string target, string? detail = null)
    {
        var verb = MyInvocation.MyCommand.Name.Split('-')[0];
        var doing = verb switch
        {
            "New" => "Creating", "Set" => "Changing", "Remove" => "Removing", "Enable" => "Enabling", "Add" => "Adding a server to",
            _ => verb,
        };
        var description = $"{doing} {target}{(detail is null ? "" : $": {detail}")}";
        return ShouldProcess(description, $"Are you sure you want to perform this action?\n{description}.", "Confirm");
    }
}
