using System.Management.Automation;

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
public sealed class NewPublicFolderDatabaseCommand : NewDatabaseCommand
{
    protected override bool PublicFolder => true;
}
