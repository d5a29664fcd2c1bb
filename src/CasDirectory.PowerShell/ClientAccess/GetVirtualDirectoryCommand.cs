using System.Management.Automation;
using CasDirectory.Core.ClientAccess;
using CasDirectory.PowerShell.Completion;
using CasDirectory.PowerShell.IdParameters;

namespace CasDirectory.PowerShell.ClientAccess;

/// <summary>What Get-OwaVirtualDirectory, Get-EcpVirtualDirectory, … share: -Identity or -Server, one kind of virtual directory, with every setting read back from the directory.</summary>
public abstract class GetVirtualDirectoryCommand : CasDirectoryCmdlet
{
    /// <summary>SERVER\name (Default Web Site), a server name or a DN.</summary>
    [Parameter(ParameterSetName = "Identity", Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    public VirtualDirectoryIdParameter? Identity { get; set; }

    /// <summary>Only this server's virtual directories: a name, FQDN or DN, or a server piped in.</summary>
    [Parameter(ParameterSetName = "Server", Mandatory = true, ValueFromPipeline = true)]
    [ArgumentCompleter(typeof(ServerNameCompleter))]
    public ServerIdParameter? Server { get; set; }

    /// <summary>Accepted as EMS takes it (EMS then skips reading IIS); every property here comes from the directory anyway.</summary>
    [Parameter]
    public SwitchParameter ADPropertiesOnly { get; set; }

    protected abstract VirtualDirectoryKind Kind { get; }

    protected override void InternalProcessRecord()
    {
        foreach (var directory in VirtualDirectorySelection.Select(DataSession, Kind, Identity?.RawIdentity, Server?.RawIdentity).ToList())
            WriteObject(Objects.ADVirtualDirectory.From(directory));
    }
}
