using System.Collections;
using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Servers;

namespace CasDirectory.PowerShell.Validation;

/// <summary>-Roles as people write it: Mailbox,ClientAccess,HubTransport (a list or one comma-separated string; Edge or EdgeTransport), with the core's message for an unknown role.</summary>
public sealed class ServerRolesTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is ServerRoles roles)
            return roles;
        var parts = value is IEnumerable list and not string
            ? list.Cast<object?>().Select(o => (o is PSObject p ? p.BaseObject : o)?.ToString() ?? "")
            : [value?.ToString() ?? ""];
        try
        {
            return ServerRoleNames.Parse(string.Join(",", parts));
        }
        catch (DomainRuleException e)
        {
            throw new ArgumentTransformationMetadataException(e.Message, e);
        }
    }
}
