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
    /// <summary>The organization (Exchange 2010's hosted mode): this directory holds one, and naming another is an error.</summary>
    [Parameter]
    public IdParameters.OrganizationIdParameter? Organization { get; set; }

    protected override bool PublicFolder => true;

    protected override void InternalProcessRecord()
    {
        Organization?.RequireIn(DataSession);
        base.InternalProcessRecord();
    }
}
