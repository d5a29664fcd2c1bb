using CasDirectory.Ldap.Exchange;
using System.Management.Automation;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Databases;

/// <summary>What New-MailboxDatabase and New-PublicFolderDatabase share: the name, the server and the file locations.</summary>
public abstract class NewDatabaseCommand : CasDirectoryCmdlet
{
    /// <summary>The database's name, unique in the organisation.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [NameTransformation]
    [ValidateObjectName]
    public string Name { get; set; } = "";

    /// <summary>The Exchange 2010 Mailbox server that hosts it; or a server piped in.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter Server { get; set; } = null!;

    /// <summary>The full local path of the .edb file on the server, such as D:\Databases\MDB03\MDB03.edb (stored only: no disk is touched).</summary>
    [Parameter]
    public Core.Values.EdbFilePath? EdbFilePath { get; set; }

    /// <summary>The full local folder of the transaction logs on the server, such as D:\Logs\MDB03 (stored only).</summary>
    [Parameter]
    public Core.Values.NonRootLocalLongFullPath? LogFolderPath { get; set; }

    protected abstract bool PublicFolder { get; }

    protected virtual bool IsRecovery => false;

    /// <summary>The settings the new database starts with (none unless the cmdlet takes some).</summary>
    protected virtual IReadOnlyList<Core.Settings.SettingChange> InitialSettings(ExchangeDirectory directory) => [];

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        CurrentTarget = Name;
        var plan = DatabaseCreation.Prepare(directory, Name, Server.RawIdentity, PublicFolder, IsRecovery, EdbFilePath?.PathName, LogFolderPath?.PathName, Resuming);
        var kind = PublicFolder ? "Public folder" : IsRecovery ? "Recovery" : "Mailbox";
        if (plan.Done is { } done)
        {
            SkipDone($"{kind} database {done.Name}");
            WriteObject(DatabaseSelection.Select(directory, done.Name, null, PublicFolder).First());
            return;
        }
        if (!ShouldWrite($"{kind} database \"{Name}\" on server \"{plan.Server.Name}\"{(PublicFolder ? "" : $" with RpcClientAccessServer {plan.Choice.Endpoint.Fqdn}")}"))
            return;
        var created = Creating(() => directory.AddDatabase(Name, plan.Server, IsRecovery, PublicFolder, plan.EdbFilePath, plan.LogFolderPath, plan.Choice.Endpoint.LegacyExchangeDN, plan.Finishing, InitialSettings(directory)),
            () => $"A database named '{Name}' already exists (on {directory.ReadDatabasesUncached().FirstOrDefault(d => Core.Identity.ObjectLookup.Same(d.Name, Name))?.ServerName ?? "another server"}). Database names are unique in the organisation.");
        if (plan.Finishing)
            WriteWarning($"{Name} had been left without its copy by an interrupted run; it is completed now.");
        if (plan.Choice.Warning is not null)
            WriteWarning(plan.Choice.Warning);
        WriteObject(Objects.Database.From(created, plan.Choice.Endpoint.Fqdn));
    }
}
