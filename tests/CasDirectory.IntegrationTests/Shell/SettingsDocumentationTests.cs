using System.Reflection;
using CasDirectory.Core.Settings;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Shell;

/// <summary>docs/settings.md is the user's map from an Exchange property to its attribute: every setting a cmdlet writes is on it.</summary>
[TestFixture]
public sealed class SettingsDocumentationTests
{
    [Test]
    public void Every_setting_the_cmdlets_write_is_listed_in_docs_settings_with_its_attribute()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "settings.md"));
        var definitions = typeof(SettingDefinition).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(SettingDefinition))
            .Select(f => (SettingDefinition)f.GetValue(null)!)
            .DistinctBy(d => (d.Name, d.Attribute))
            .ToList();

        var missing = definitions.Where(d => !page.Contains(d.Name, StringComparison.Ordinal) || !page.Contains($"`{d.Attribute}`", StringComparison.Ordinal))
            .Select(d => $"{d.Name} ({d.Attribute})").ToList();

        Assert.That(definitions, Has.Count.GreaterThan(150));
        Assert.That(missing, Is.Empty, "listed in docs/settings.md");
    }
}
