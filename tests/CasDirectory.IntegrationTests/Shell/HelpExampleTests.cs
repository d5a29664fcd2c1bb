using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;
using System.Xml.Linq;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Shell;

/// <summary>
/// Every example of the module's help (Get-Help -Examples: the cmdlets' doc comments, as MamlHelpWriter ships them)
/// runs against the sample lab: Get- examples as written, the others with -WhatIf on each of the module's cmdlets that
/// writes, so a name the lab lacks, an unknown parameter or a value the cmdlet refuses fails here. Examples about
/// objects the lab does not have (a DAG, an array, a public folder database) get them from Setups, which are undone
/// after the cmdlet's examples; one lab serves every cmdlet.
/// </summary>
[TestFixture]
public sealed class HelpExampleTests : SharedLabTest
{
    private const string Array = "New-ClientAccessArray -Name CASArray-A -Fqdn outlook.lab.local -Site Site-A";
    private const string NoArray = "Remove-ClientAccessArray CASArray-A -Confirm:$false";
    private const string Dag = "New-DatabaseAvailabilityGroup -Name DAG01";
    private const string NoDag = "Remove-DatabaseAvailabilityGroup DAG01 -Confirm:$false";
    private const string PublicFolders = "New-PublicFolderDatabase -Name PFDB01 -Server E2K10-MLT-01";
    private const string NoPublicFolders = "Remove-PublicFolderDatabase PFDB01 -RemoveLastAllowed -Confirm:$false";
    private const string CasA5 = "New-ExchangeServer -Name CAS-A5 -Roles ClientAccess -Version 14.2.247.5 -IPAddress 10.1.0.15";
    private const string NoCasA5 = "Remove-ExchangeServer CAS-A5 -Confirm:$false";
    private const string SiteC = "New-ADReplicationSite Site-C";
    private const string NoSiteC = "Remove-ADReplicationSite Site-C -Confirm:$false";
    private const string SubnetC = SiteC + "; New-ADReplicationSubnet 10.3.0.0/16 Site-C -Location 'Oslo,Norway'";
    private const string NoSubnetC = "Remove-ADReplicationSubnet 10.3.0.0/16 -Confirm:$false; " + NoSiteC;

    /// <summary>What a cmdlet's examples need that the sample lab lacks: made before its examples run, undone after.</summary>
    private static readonly Dictionary<string, (string Setup, string Teardown)> Setups = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Get-ClientAccessArray"] = (Array, NoArray),
        ["Set-ClientAccessArray"] = (Array, NoArray),
        ["Remove-ClientAccessArray"] = (Array, NoArray),
        ["Set-MailboxDatabase"] = (Array, NoArray),
        ["Get-DatabaseAvailabilityGroup"] = (Dag, NoDag),
        ["Set-DatabaseAvailabilityGroup"] = (Dag, NoDag),
        ["Add-DatabaseAvailabilityGroupServer"] = (Dag, NoDag),
        ["Remove-DatabaseAvailabilityGroup"] = (Dag, NoDag),
        ["Remove-DatabaseAvailabilityGroupServer"] = (
            Dag + "; Add-DatabaseAvailabilityGroupServer DAG01 -MailboxServer E2K10-MLT-01; Add-DatabaseAvailabilityGroupServer DAG01 -MailboxServer E2K10-MLT-02",
            "Remove-DatabaseAvailabilityGroupServer DAG01 -MailboxServer E2K10-MLT-01 -Confirm:$false; Remove-DatabaseAvailabilityGroupServer DAG01 -MailboxServer E2K10-MLT-02 -Confirm:$false; " + NoDag),
        ["Get-PublicFolderDatabase"] = (PublicFolders, NoPublicFolders),
        ["Set-PublicFolderDatabase"] = (PublicFolders, NoPublicFolders),
        ["New-MailboxDatabase"] = (PublicFolders, NoPublicFolders),
        ["Remove-PublicFolderDatabase"] = (PublicFolders + "; New-PublicFolderDatabase -Name PFDB02 -Server E2K10-MLT-02",
            "Remove-PublicFolderDatabase PFDB02 -Confirm:$false; " + NoPublicFolders),
        ["Remove-MailboxDatabase"] = ("New-MailboxDatabase -Name MDB03 -Server E2K10-MLT-01", "Remove-MailboxDatabase MDB03 -Confirm:$false"),
        ["Remove-ExchangeServer"] = ("New-ExchangeServer -Name E2K10-C1 -Roles Mailbox,ClientAccess,HubTransport -Version 14.2.247.5 -IPAddress 10.1.0.11",
            "Remove-ExchangeServer E2K10-C1 -Confirm:$false"),
        ["Disable-OutlookAnywhere"] = (CasA5 + "; Enable-OutlookAnywhere -Server CAS-A5 -ExternalHostname webmail.lab.local -ClientAuthenticationMethod Basic -SSLOffloading $false",
            NoCasA5),
        ["Enable-OutlookAnywhere"] = (CasA5 + "; Disable-OutlookAnywhere -Server E2K10-MLT-01 -Confirm:$false",
            NoCasA5 + "; Enable-OutlookAnywhere -Server E2K10-MLT-01 -ExternalHostname webmail.lab.local -ClientAuthenticationMethod Basic -IISAuthenticationMethods Basic,Ntlm -SSLOffloading $false"),
        ["New-ADReplicationSubnet"] = (SiteC, NoSiteC),
        ["Remove-ADReplicationSite"] = (SiteC + " -Description 'For testing only.'", NoSiteC),
        ["Remove-ADReplicationSubnet"] = (SubnetC, NoSubnetC),
        ["Set-ADReplicationSubnet"] = (SubnetC, NoSubnetC),
        ["Enable-Mailbox"] = ("New-Mailbox -Name 'Jan Kotas' -Alias jan -Room; Disable-Mailbox jan -Confirm:$false",
            "Enable-Mailbox 'Jan Kotas' -Alias jan; Remove-Mailbox jan -Confirm:$false"),
    };

    /// <summary>
    /// Test-CasTopology reports findings by exiting 1 with a WARNING summary (its description): the sample lab has
    /// warnings (no array in Site-A), which is what its example shows. Every other example exits 0 and writes no error.
    /// </summary>
    private static readonly HashSet<string> ExitsOneOnFindings = new(StringComparer.OrdinalIgnoreCase) { "Test-CasTopology" };

    private static readonly Dictionary<string, Type> Cmdlets = typeof(PowerShell.CasDirectoryCmdlet).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.GetCustomAttribute<CmdletAttribute>() is not null)
        .ToDictionary(t => $"{t.GetCustomAttribute<CmdletAttribute>()!.VerbName}-{t.GetCustomAttribute<CmdletAttribute>()!.NounName}", StringComparer.OrdinalIgnoreCase);

    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    /// <summary>Each cmdlet's examples as Get-Help shows them: the shipped help's (ModuleFilesTests keeps it current).</summary>
    private static readonly Lazy<Dictionary<string, List<string>>> Examples = new(() =>
        XDocument.Load(RepositoryPaths.Combine("src", "CasDirectory.PowerShell", "CasDirectory.dll-Help.xml"))
            .Descendants(Command + "command")
            .ToDictionary(c => c.Element(Command + "details")!.Element(Command + "name")!.Value,
                c => c.Descendants(Dev + "code").Select(e => e.Value).ToList(), StringComparer.OrdinalIgnoreCase));

    private static IEnumerable<string> CmdletNames() => Cmdlets.Keys.Order(StringComparer.Ordinal);

    [Test]
    public void Every_cmdlet_has_an_example() =>
        Assert.That(CmdletNames().Where(n => !Examples.Value.TryGetValue(n, out var codes) || codes.Count == 0), Is.Empty);

    [TestCaseSource(nameof(CmdletNames))]
    public void The_examples_run_against_the_sample_lab(string cmdlet)
    {
        var examples = Examples.Value.GetValueOrDefault(cmdlet) ?? [];
        Setups.TryGetValue(cmdlet, out var setup);
        if (setup.Setup is not null)
            Ok(setup.Setup, "setup");
        try
        {
            Assert.Multiple(() =>
            {
                foreach (var example in examples)
                {
                    var line = WithWhatIf(WithoutPrompts(example));
                    var result = Lab.Casdir(line);
                    if (ExitsOneOnFindings.Contains(cmdlet))
                    {
                        Assert.That(result.ExitCode, Is.AnyOf(0, 1), $"{line}\n{result}");
                        Assert.That(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                            Has.All.Match(@"^WARNING: \d+ findings?:"), $"{line}\n{result}");
                        continue;
                    }
                    Assert.That(result.ExitCode, Is.Zero, $"{line}\n{result}");
                    Assert.That(result.Error.Trim(), Is.Empty, $"{line}\n{result}");
                }
            });
        }
        finally
        {
            if (setup.Teardown is not null)
                Ok(setup.Teardown, "teardown");
        }
    }

    [TestCase("Get-MailboxDatabase | Set-MailboxDatabase -RpcClientAccessServer outlook.lab.local", "Get-MailboxDatabase | Set-MailboxDatabase -RpcClientAccessServer outlook.lab.local -WhatIf")]
    [TestCase("Get-ADReplicationSite -Filter * | % {Set-ADReplicationSite $_ -ScheduleHashingEnabled $True}", "Get-ADReplicationSite -Filter * | % {Set-ADReplicationSite $_ -ScheduleHashingEnabled $True -WhatIf}")]
    [TestCase("$s = 1; Set-ClientAccessServer E2K10-MLT-02 -AutoDiscoverSiteScope $s", "$s = 1; Set-ClientAccessServer E2K10-MLT-02 -AutoDiscoverSiteScope $s -WhatIf")]
    [TestCase("Get-ExchangeServer | Format-List", "Get-ExchangeServer | Format-List")]
    [TestCase("Remove-ClientAccessArray CASArray-A -Confirm:$false", "Remove-ClientAccessArray CASArray-A -Confirm:$false -WhatIf")]
    public void WhatIf_goes_on_each_command_that_writes(string example, string expected) =>
        Assert.That(WithWhatIf(example), Is.EqualTo(expected));

    /// <summary>
    /// (Get-Credential NAME) asks at a terminal, which a test has not: it becomes a credential of that user name with
    /// an empty password, which is what the cmdlets keep of it (user names only).
    /// </summary>
    private static string WithoutPrompts(string example) =>
        System.Text.RegularExpressions.Regex.Replace(example, @"\(Get-Credential\s+([^)\s]+)\)", "([pscredential]::new('$1', [securestring]::new()))",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>The example with -WhatIf after each of the module's commands that supports it (those that write).</summary>
    private static string WithWhatIf(string example)
    {
        var ast = Parser.ParseInput(example, out _, out var errors);
        Assert.That(errors, Is.Empty, $"the example does not parse: {example}");
        var ends = ast.FindAll(a => a is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>()
            .Where(c => c.GetCommandName() is { } name && Cmdlets.TryGetValue(name, out var type)
                && type.GetCustomAttribute<CmdletAttribute>()!.SupportsShouldProcess
                && !c.CommandElements.OfType<CommandParameterAst>().Any(p => p.ParameterName.Equals("WhatIf", StringComparison.OrdinalIgnoreCase)))
            .Select(c => c.Extent.EndOffset).OrderDescending();
        foreach (var end in ends)
            example = example.Insert(end, " -WhatIf");
        return example;
    }

    private void Ok(string line, string what)
    {
        var result = Lab.Casdir(line);
        Assert.That(result.ExitCode, Is.Zero, $"{what}: {line}\n{result}");
    }
}
