using System.Management.Automation;

namespace CasDirectory.PowerShell.Recipients;

/// <summary>
/// Lets a DateTime parameter (typed DateTime, as Microsoft documents it) take $null: it binds as default(DateTime),
/// which the cmdlet reads as "clear the date", as EMS clears it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class NullableDateAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        inputData is null || (inputData is PSObject { BaseObject: null }) ? default(DateTime) : inputData;

    public override bool TransformNullOptionalParameters => true;
}
