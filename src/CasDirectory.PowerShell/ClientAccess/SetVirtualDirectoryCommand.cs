using System.Management.Automation;
using CasDirectory.Core.ClientAccess;
using CasDirectory.PowerShell.IdParameters;
using CasDirectory.PowerShell.Validation;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>What Set-OwaVirtualDirectory, Set-EcpVirtualDirectory, … share: -InternalUrl and -ExternalUrl ($null clears one).</summary>
public abstract class SetVirtualDirectoryCommand : CasDirectoryCmdlet
{
    /// <summary>SERVER\name (Default Web Site), a server name or a DN; or virtual directories piped in.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public VirtualDirectoryIdParameter Identity { get; set; } = null!;

    /// <summary>The internal URL; $null clears it.</summary>
    [Parameter]
    [AllowNull, AllowEmptyString]
    [ValidateUrl("InternalUrl")]
    public string? InternalUrl { get; set; }

    /// <summary>The external URL; $null clears it.</summary>
    [Parameter]
    [AllowNull, AllowEmptyString]
    [ValidateUrl("ExternalUrl")]
    public string? ExternalUrl { get; set; }

    protected abstract VirtualDirectoryKind Kind { get; }

    protected override void InternalProcessRecord()
    {
        var newInternal = Given(nameof(InternalUrl)) ? InternalUrl ?? "" : null;
        var newExternal = Given(nameof(ExternalUrl)) ? ExternalUrl ?? "" : null;
        foreach (var target in VirtualDirectorySelection.Select(Directory, Kind, Identity.RawIdentity, null))
        {
            CurrentTarget = target.Identity;
            if (ShouldWrite(target.Identity))
                Directory.SetVirtualDirectoryUrls(target, newInternal, newExternal);
        }
    }

    private bool Given(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);
}
