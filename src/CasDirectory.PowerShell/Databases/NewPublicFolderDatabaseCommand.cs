using System.Management.Automation;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Creates a public folder database: Outlook reaches it on its own server, never through an array.</para>
/// </summary>
/// <example>
/// <code>New-PublicFolderDatabase -Name PF01 -Server E2K10-MLT-02</code>
/// <para>Creates a public folder database; Outlook reaches it on E2K10-MLT-02 itself.</para>
/// </example>
[Cmdlet(VerbsCommon.New, "PublicFolderDatabase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Objects.PublicFolderDatabase))]
public sealed class NewPublicFolderDatabaseCommand : CasDirectoryCmdlet
{
    /// <summary>The database's name, unique in the organisation.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateObjectName]
    public string Name { get; set; } = "";

    /// <summary>The Exchange 2010 Mailbox server that hosts it.</summary>
    [Parameter(Mandatory = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter Server { get; set; } = null!;

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
        var plan = DatabaseCreation.Prepare(directory, Name, Server.RawIdentity, publicFolder: true, EdbFilePath, LogFolderPath);
        if (!ShouldWrite($"Public folder database \"{Name}\" on server \"{plan.Server.Name}\""))
            return;
        directory.AddDatabase(Name, plan.Server, recovery: false, publicFolder: true, plan.EdbFilePath, plan.LogFolderPath, plan.Choice.Endpoint.LegacyExchangeDN);
        WriteObject(Objects.MailboxDatabase.From(ObjectLookup.Database(directory.ReadDatabases(), Name), plan.Choice.Endpoint.Fqdn));
    }
}
