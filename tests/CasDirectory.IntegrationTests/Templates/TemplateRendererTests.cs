using CasDirectory.Core.Naming;
using CasDirectory.Ldap.Local;
using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Templates;

/// <summary>The ${NAME} templates behind every way of starting slapd.</summary>
public sealed class TemplateRendererTests
{
    [Test]
    public void Placeholders_are_replaced_by_their_values()
    {
        var rendered = TemplateRenderer.Render("dn: ${CONFIG_DN}\ncn: ${ORG}", TemplateValues.For(ConfigurationPartition.Default));

        Assert.That(rendered, Is.EqualTo("dn: CN=Configuration,DC=lab,DC=local\ncn: First Organization"));
    }

    [Test]
    public void A_placeholder_without_a_value_is_an_error_naming_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TemplateRenderer.Render("a ${KNOWN} b ${UNKNOWN}", new Dictionary<string, string> { ["KNOWN"] = "x" }, "t.template"))!;

        Assert.That(error.Message, Does.Contain("t.template").And.Contain("UNKNOWN").And.Not.Contain("KNOWN,"));
    }

    [Test]
    public void Every_placeholder_of_the_shipped_templates_is_one_the_launcher_and_the_entrypoint_fill()
    {
        var assets = DirectoryAssets.Default;
        var templates = new[] { assets.SlapdConfigTemplate, assets.RootDseTemplate, assets.BaseLdifTemplate, assets.AccountsLdifTemplate, assets.SampleLdifTemplate("lab") };
        var used = templates.SelectMany(t => TemplateRenderer.PlaceholdersIn(File.ReadAllText(t))).ToHashSet();
        var slapdSettings = new[] { "SYSTEM_SCHEMA_DIR", "MODULE_DIR", "SCHEMA_DIR", "RUN_DIR", "DATA_DIR", "ROOTDSE_FILE", "GUARD_PLUGIN", "TLS_CA_FILE", "TLS_CERT_FILE", "TLS_KEY_FILE" };
        var secrets = DirectoryAccounts.All.Select(a => a.ToUpperInvariant() + "_PASSWORD_HASH");
        // made per directory by the launcher (LocalDirectory) and the entrypoint, like the passwords
        var identifiers = DirectoryAccounts.All.Where(a => a != DirectoryAccounts.Admin).Select(a => a.ToUpperInvariant() + "_SID").Append("DOMAIN_SID");
        var filled = TemplateValues.For(ConfigurationPartition.Default).Keys.Concat(slapdSettings).Concat(secrets).Concat(identifiers).ToHashSet();
        var entrypoint = File.ReadAllText(RepositoryPaths.Combine("docker", "openldap", "entrypoint.sh"));

        Assert.That(filled, Is.SupersetOf(used));
        foreach (var name in used)
            Assert.That(entrypoint, Does.Contain("${" + name + "}"), $"entrypoint.sh does not pass {name} to envsubst");
    }
}
