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
    protected override bool PublicFolder => true;
}
