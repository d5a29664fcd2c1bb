using CasDirectory.PowerShell.Objects;

namespace CasDirectory.PowerShell.IdParameters;

/// <summary>A virtual directory as SERVER\name (Default Web Site), a server name or a DN, or one piped in.</summary>
public sealed class VirtualDirectoryIdParameter : IdParameter
{
    public VirtualDirectoryIdParameter(string identity) : base(identity) { }
    public VirtualDirectoryIdParameter(ADObjectId id) : base(id) { }
    public VirtualDirectoryIdParameter(ADVirtualDirectory directory) : base(directory.DistinguishedName) { }
    public VirtualDirectoryIdParameter(ADRpcHttpVirtualDirectory directory) : base(directory.DistinguishedName) { }
}
