using System.Collections;
using System.Management.Automation;
using System.Net;
using CasDirectory.Core;

namespace CasDirectory.PowerShell.Validation;

/// <summary>
/// Binds a DAG's -DatabaseAvailabilityGroupIpAddresses to IPAddress[] strictly: each an IPv4 address in four decimal
/// octets (PowerShell's own conversion would take 10.1 as 10.0.0.1). A bad value stops the command before anything
/// is written.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class IPv4AddressTransformationAttribute(string parameter) : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        IEnumerable<object?> values = value switch
        {
            null => [],
            string or IPAddress => [value],
            IEnumerable many => many.Cast<object?>(),
            _ => [value],
        };
        try
        {
            return values.Select(v => Core.Databases.DatabaseAvailabilityGroupSettings.RequireIPv4((v is PSObject p ? p.BaseObject : v)?.ToString(), parameter)).ToArray();
        }
        catch (DomainRuleException e)
        {
            throw new ArgumentTransformationMetadataException(e.Message, e);
        }
    }
}
