using System.Management.Automation;
using CasDirectory.Core.ClientAccess;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>What Get-OwaVirtualDirectory, Get-EcpVirtualDirectory, … share: -Identity or -Server, one kind of virtual directory.</summary>
public abstract class GetVirtualDirectoryCommand : CasDirectoryCmdlet
{
    /// <summary>SERVER\name (Default Web Site), a server name or a DN.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public VirtualDirectoryIdParameter? Identity { get; set; }

    /// <summary>Only this server's virtual directories.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter? Server { get; set; }

    protected abstract VirtualDirectoryKind Kind { get; }

    protected override void InternalProcessRecord()
    {
        foreach (var directory in VirtualDirectorySelection.Select(Directory, Kind, Identity?.RawIdentity, Server?.RawIdentity).ToList())
            WriteObject(Objects.ADVirtualDirectory.From(directory));
    }
}
