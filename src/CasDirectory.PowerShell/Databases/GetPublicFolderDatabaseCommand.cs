using System.Management.Automation;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Lists public folder databases.</para>
/// </summary>
/// <example>
/// <code>Get-PublicFolderDatabase | fl Name,Server,RpcClientAccessServer</code>
/// <para>Shows the public folder databases.</para>
/// </example>
/// <example>
/// <code>Get-PublicFolderDatabase | Format-List</code>
/// <para>Shows every public folder database with all its properties (Microsoft Learn, Get-PublicFolderDatabase, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Get-PublicFolderDatabase -Server E2K10-MLT-01</code>
/// <para>Lists the public folder databases of E2K10-MLT-01 (Microsoft Learn, Get-PublicFolderDatabase, Exchange 2010 example 3, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "PublicFolderDatabase", DefaultParameterSetName = "Identity")]
[OutputType(typeof(Objects.PublicFolderDatabase))]
public sealed class GetPublicFolderDatabaseCommand : GetDatabaseCommand
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
