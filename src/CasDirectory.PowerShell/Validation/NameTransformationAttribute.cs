using System.Collections;
using System.Management.Automation;
using CasDirectory.Core.Naming;

namespace CasDirectory.PowerShell.Validation;

/// <summary>
/// A name as it is stored: in Unicode NFC (docs/rules.md, "Names"), so a decomposed 'é' typed or pasted is the same name
/// as a composed one. Runs before [ValidateObjectName], which refuses what no name may hold; anything not a string
/// (or a list of them) is left to PowerShell's own conversion.
/// </summary>
public sealed class NameTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value switch
        {
            string name => ObjectName.Normalize(name),
            IEnumerable names and not string => names.Cast<object?>().Select(n => (n is PSObject p ? p.BaseObject : n) is string name ? ObjectName.Normalize(name) : n).ToArray(),
            _ => inputData,
        };
    }
}
