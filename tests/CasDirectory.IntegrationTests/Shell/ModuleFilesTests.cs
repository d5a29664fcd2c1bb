using System.Xml.Linq;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Shell;

/// <summary>The module's shipped files are made from one source each and kept current.</summary>
[TestFixture]
public sealed class ModuleFilesTests
{
    [Test]
    public void The_shipped_help_is_generated_from_the_cmdlets_doc_comments()
    {
        var generated = PowerShell.Help.MamlHelpWriter.Write(typeof(PowerShell.CasDirectoryCmdlet).Assembly,
            XDocument.Load(Path.Combine(AppContext.BaseDirectory, "CasDirectory.xml")));
        var shipped = File.ReadAllText(RepositoryPaths.Combine("src", "CasDirectory.PowerShell", "CasDirectory.dll-Help.xml"));

        Assert.That(shipped, Is.EqualTo(generated),
            "regenerate it: ./casdir help-maml > src/CasDirectory.PowerShell/CasDirectory.dll-Help.xml");
    }

    [Test]
    public void The_manifest_exports_exactly_the_cmdlets_of_the_assembly()
    {
        var manifest = File.ReadAllLines(RepositoryPaths.Combine("src", "CasDirectory.PowerShell", "CasDirectory.psd1"))
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^\s+'([A-Z][a-z]+-\w+)',?$")).Where(m => m.Success).Select(m => m.Groups[1].Value);
        var cmdlets = typeof(PowerShell.CasDirectoryCmdlet).Assembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(System.Management.Automation.CmdletAttribute), false).FirstOrDefault())
            .OfType<System.Management.Automation.CmdletAttribute>().Select(a => $"{a.VerbName}-{a.NounName}");

        Assert.That(manifest, Is.EquivalentTo(cmdlets));
    }
}
