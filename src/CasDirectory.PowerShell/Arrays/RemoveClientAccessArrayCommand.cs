using System.Management.Automation;
using CasDirectory.Core.Identity;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.Arrays;

/// <summary>
/// <para type="synopsis">Removes a Client Access array. Databases that point at it keep pointing at it (A4): it warns first, and asks unless -Confirm:$false.</para>
/// </summary>
/// <example>
/// <code>Remove-ClientAccessArray CASArray-A -Confirm:$false</code>
/// <para>Removes the array without asking. Databases that pointed at it keep doing so (A4) until they are re-pointed.</para>
/// </example>
/// <example>
/// <code>Remove-ClientAccessArray -Identity "CASArray-A"</code>
/// <para>Removes the Client Access array CASArray-A (Microsoft Learn, Remove-ClientAccessArray, Exchange 2010 example 1, adapted to the lab).</para>
/// </example>
/// <example>
/// <code>Remove-ClientAccessArray -Identity outlook.lab.local</code>
/// <para>Removes the Client Access array whose FQDN is outlook.lab.local (Microsoft Learn, Remove-ClientAccessArray, example 1, adapted to the lab).</para>
/// </example>
[Cmdlet(VerbsCommon.Remove, "ClientAccessArray", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
public sealed class RemoveClientAccessArrayCommand : CasDirectoryCmdlet
{
    /// <summary>The array to remove.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ArrayNameCompleter))]
    public ClientAccessArrayIdParameter Identity { get; set; } = null!;

    protected override void InternalProcessRecord()
    {
        var directory = DataSession;
        var array = ObjectLookup.Array(directory.ReadServersAndArrays().Arrays, Identity.RawIdentity);
        CurrentTarget = array.Name;
        if (ArrayWrites.PointingDatabases(directory, array, "is being removed; they will point at an object that no longer exists until you run Set-MailboxDatabase -RpcClientAccessServer") is { } warning)
            WriteWarning(warning);
        if (ShouldWrite($"Client Access array \"{array.Name}\""))
            directory.RemoveArray(array);
    }
}
