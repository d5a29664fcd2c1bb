using System.CommandLine;
using CasDirectory.Ldap.Local;

namespace CasDirectory.Cli.Commands;

/// <summary>casdir schema-ldif and schema-partition: the cn=config (olcSchemaConfig) form of schema/casdirectory.schema, and AD's schema partition made from it.</summary>
public static class SchemaCommands
{
    public static Command SchemaLdif()
    {
        var command = new Command("schema-ldif", "Print schema/casdirectory.schema in cn=config LDIF form (how schema/casdirectory.ldif is made).");
        command.SetAction(_ =>
        {
            Console.Write(Ldap.Schema.SchemaLdif.FromSlapdSchema(File.ReadAllText(DirectoryAssets.Default.SchemaFile)));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command SchemaPartition()
    {
        var command = new Command("schema-partition", "Print the schema partition (classSchema and attributeSchema entries) generated from schema/casdirectory.schema (how ldif/schema-partition.ldif.template is made).");
        command.SetAction(_ =>
        {
            Console.Write(Ldap.Schema.SchemaPartition.FromSlapdSchema(File.ReadAllText(DirectoryAssets.Default.SchemaFile)));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command HelpMaml()
    {
        var command = new Command("help-maml", "Print the module's MAML help, generated from the cmdlets' doc comments (how src/CasDirectory.PowerShell/CasDirectory.dll-Help.xml is made).");
        command.SetAction(_ =>
        {
            var module = typeof(PowerShell.CasDirectoryCmdlet).Assembly;
            var documentation = System.Xml.Linq.XDocument.Load(Path.Combine(AppContext.BaseDirectory, "CasDirectory.xml"));
            Console.Write(PowerShell.Help.MamlHelpWriter.Write(module, documentation));
            return ExitCodes.Success;
        });
        return command;
    }
}
