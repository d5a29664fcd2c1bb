using System.Management.Automation;

namespace CasDirectory.PowerShell.Databases;

/// <summary>
/// <para type="synopsis">Lists public folder databases.</para>
/// </summary>
/// <example>
/// <code>Get-PublicFolderDatabase | fl Name,Server,RpcClientAccessServer</code>
/// <para>Shows the public folder databases.</para>
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
