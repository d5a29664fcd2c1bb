using CasDirectory.Cli.Arguments;
using CasDirectory.Ldap.Local;

namespace CasDirectory.Cli.Commands;

/// <summary>
/// casdir schema-ldif, schema-partition and help-maml: the cn=config (olcSchemaConfig) form of schema/casdirectory.schema,
/// AD's schema partition made from it, and the module's MAML help made from the cmdlets' doc comments.
/// </summary>
public static class SchemaCommands
{
    public static int Run(GeneratedFileArguments arguments)
    {
        Console.Write(arguments.File switch
        {
            GeneratedFile.SchemaLdif => Ldap.Schema.SchemaLdif.FromSlapdSchema(File.ReadAllText(DirectoryAssets.Default.SchemaFile)),
            GeneratedFile.SchemaPartition => Ldap.Schema.SchemaPartition.FromSlapdSchema(File.ReadAllText(DirectoryAssets.Default.SchemaFile)),
            _ => HelpMaml(),
        });
        return ExitCodes.Success;
    }

    private static string HelpMaml()
    {
        var module = typeof(PowerShell.CasDirectoryCmdlet).Assembly;
        var documentation = System.Xml.Linq.XDocument.Load(Path.Combine(AppContext.BaseDirectory, "CasDirectory.xml"));
        return PowerShell.Help.MamlHelpWriter.Write(module, documentation);
    }
}
