using System.Management.Automation;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Creates a mailbox (or recovery) database. Its RpcClientAccessServer is chosen once, by D1, and never rewritten (D2).</para>
/// </summary>
/// <example>
/// <code>New-MailboxDatabase -Name MDB03 -Server E2K10-MLT-01</code>
/// <para>Creates MDB03; its RpcClientAccessServer is the array of E2K10-MLT-01's site if there is one (D1).</para>
/// </example>
[Cmdlet(VerbsCommon.New, "MailboxDatabase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Objects.MailboxDatabase))]
public sealed class NewMailboxDatabaseCommand : CasDirectoryCmdlet
{
    /// <summary>The database's name, unique in the organisation.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateObjectName]
    public string Name { get; set; } = "";

    /// <summary>The Exchange 2010 Mailbox server that hosts it.</summary>
    [Parameter(Mandatory = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter Server { get; set; } = null!;

    /// <summary>Create a recovery database (msExchRestore TRUE, D3).</summary>
    [Parameter]
    public SwitchParameter Recovery { get; set; }

    /// <summary>The path of the .edb file.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? EdbFilePath { get; set; }

    /// <summary>The folder of the transaction logs.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LogFolderPath { get; set; }

    protected override void InternalProcessRecord()
    {
        var directory = Directory;
        CurrentTarget = Name;
        var plan = DatabaseCreation.Prepare(directory, Name, Server.RawIdentity, publicFolder: false, EdbFilePath, LogFolderPath);
        if (!ShouldWrite($"{(Recovery ? "Recovery" : "Mailbox")} database \"{Name}\" on server \"{plan.Server.Name}\" with RpcClientAccessServer {plan.Choice.Endpoint.Fqdn}"))
            return;
        directory.AddDatabase(Name, plan.Server, Recovery, publicFolder: false, plan.EdbFilePath, plan.LogFolderPath, plan.Choice.Endpoint.LegacyExchangeDN);
        if (plan.Choice.Warning is not null)
            WriteWarning(plan.Choice.Warning);
        WriteObject(Objects.MailboxDatabase.From(ObjectLookup.Database(directory.ReadDatabases(), Name), plan.Choice.Endpoint.Fqdn));
    }
}
