using System.Management.Automation;
using CasDirectory.Core.ActiveDirectory;
using CasDirectory.PowerShell.ActiveDirectory;
using CasDirectory.PowerShell.Objects;

namespace CasDirectory.PowerShell.Sites;

/// <summary>The settings New- and Set-ADReplicationSite share, by the module's names (SiteSettings keeps where each is stored).</summary>
public abstract class SiteSettingsCmdlet : ActiveDirectoryWriteCmdlet
{
    protected const string IdentitySet = "Identity";
    protected const string InstanceSet = "Instance";

    /// <summary>Write the site to the pipeline.</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected bool Given(string name) => MyInvocation.BoundParameters.ContainsKey(name);

    protected string Changes(IEnumerable<Core.Settings.SettingChange> changes) =>
        string.Join(" ", changes.Select(c => $"-{c.Definition.Name} {c.Value ?? "$null"}"));
}
