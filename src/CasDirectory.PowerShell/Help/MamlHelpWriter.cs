using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CasDirectory.PowerShell.Help;

/// <summary>
/// Writes the module's MAML help (what Get-Help reads) from its one source: each cmdlet's attributes and its
/// C# documentation comments (the class summary is the synopsis, each parameter property's summary its
/// description, the class's &lt;example&gt; its examples). casdir help-maml prints it; a test keeps the shipped
/// file current.
/// </summary>
public static partial class MamlHelpWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static string Write(Assembly module, XDocument documentation)
    {
        var members = documentation.Descendants("member").ToDictionary(m => (string)m.Attribute("name")!);
        var cmdlets = module.GetExportedTypes()
            .Where(t => !t.IsAbstract && t.GetCustomAttribute<CmdletAttribute>() is not null)
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<CmdletAttribute>()!))
            .OrderBy(c => c.Attribute.NounName, StringComparer.Ordinal).ThenBy(c => c.Attribute.VerbName, StringComparer.Ordinal);
        var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
            new XAttribute(XNamespace.Xmlns + "maml", Maml), new XAttribute(XNamespace.Xmlns + "command", Command), new XAttribute(XNamespace.Xmlns + "dev", Dev),
            cmdlets.Select(c => CommandElement(c.Type, c.Attribute, members)));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).ToString() + "\n";
    }

    private static XElement CommandElement(Type type, CmdletAttribute attribute, Dictionary<string, XElement> members)
    {
        var name = $"{attribute.VerbName}-{attribute.NounName}";
        var doc = members.GetValueOrDefault("T:" + type.FullName);
        var paras = doc?.Element("summary")?.Elements("para").Select(Text).ToList() ?? [];
        var synopsis = paras.FirstOrDefault() ?? Text(doc?.Element("summary"));
        var description = paras.Count > 1 ? paras.Skip(1).ToList() : [synopsis];
        var parameters = type.GetProperties()
            .Select(p => (Property: p, Parameters: p.GetCustomAttributes<ParameterAttribute>().ToList()))
            .Where(p => p.Parameters.Count > 0)
            .OrderBy(p => p.Property.DeclaringType == typeof(CasDirectoryCmdlet) ? 1 : 0)
            .ToList();
        var sets = parameters.SelectMany(p => p.Parameters.Select(a => a.ParameterSetName)).Distinct()
            .Where(s => s != ParameterAttribute.AllParameterSets).DefaultIfEmpty(ParameterAttribute.AllParameterSets).ToList();

        XElement Parameter((PropertyInfo Property, List<ParameterAttribute> Parameters) p, ParameterAttribute a) =>
            new(Command + "parameter",
                new XAttribute("required", a.Mandatory ? "true" : "false"), new XAttribute("globbing", "false"),
                new XAttribute("pipelineInput", PipelineInput(a)), new XAttribute("position", a.Position >= 0 ? (a.Position + 1).ToString() : "named"),
                new XElement(Maml + "name", p.Property.Name),
                new XElement(Maml + "description", new XElement(Maml + "para", Text(members.GetValueOrDefault($"P:{p.Property.DeclaringType!.FullName}.{p.Property.Name}")?.Element("summary")))),
                p.Property.PropertyType == typeof(SwitchParameter) ? null : new XElement(Command + "parameterValue", new XAttribute("required", "true"), TypeName(p.Property.PropertyType)),
                new XElement(Dev + "type", new XElement(Maml + "name", p.Property.PropertyType.FullName)));

        // PowerShell adds -WhatIf and -Confirm to a cmdlet that supports ShouldProcess; stock help lists them in each
        // syntax and among the parameters, so ours does.
        XElement[] ShouldProcessParameters() => attribute.SupportsShouldProcess
            ? [Switch("WhatIf", "Shows what would happen if the cmdlet runs. The cmdlet is not run."),
               Switch("Confirm", "Prompts you for confirmation before running the cmdlet.")]
            : [];

        return new XElement(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", name), new XElement(Command + "verb", attribute.VerbName), new XElement(Command + "noun", attribute.NounName),
                new XElement(Maml + "description", new XElement(Maml + "para", synopsis))),
            new XElement(Maml + "description", description.Select(d => new XElement(Maml + "para", d))),
            new XElement(Command + "syntax", sets.Select(set => new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", name),
                parameters.Select(p => (p, a: p.Parameters.FirstOrDefault(a => a.ParameterSetName == set || a.ParameterSetName == ParameterAttribute.AllParameterSets)))
                    .Where(x => x.a is not null).Select(x => Parameter(x.p, x.a!)),
                ShouldProcessParameters()))),
            new XElement(Command + "parameters", parameters.Select(p => Parameter(p, p.Parameters[0])), ShouldProcessParameters()),
            new XElement(Command + "examples", (doc?.Elements("example") ?? []).Select((e, i) => new XElement(Command + "example",
                new XElement(Maml + "title", $"-------------------------- Example {i + 1} --------------------------"),
                new XElement(Dev + "code", Text(e.Element("code"))),
                new XElement(Dev + "remarks", e.Elements("para").Select(p => new XElement(Maml + "para", Text(p))))))),
            OnlineUri(name) is { } uri
                ? new XElement(Maml + "relatedLinks", new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", "Online Version:"), new XElement(Maml + "uri", uri)))
                : null);
    }

    /// <summary>The cmdlets casdir adds to EMS's and the AD module's (no Microsoft page exists for them).</summary>
    private static readonly HashSet<string> OwnCmdlets = new(StringComparer.OrdinalIgnoreCase) { "Get-CasTopology", "Test-CasTopology", "New-ExchangeServer", "Remove-ExchangeServer", "Reset-OutlookProfile" };

    /// <summary>
    /// Get-Help -Online's page: Microsoft's reference page of the cmdlet (the ActiveDirectory module's, or the Exchange
    /// module's, which still lists what applies to Exchange 2010). casdir's own cmdlets have none, and Get-Help -Online
    /// says so rather than opening a page that does not exist.
    /// </summary>
    public static string? OnlineUri(string name) =>
        OwnCmdlets.Contains(name) ? null
        : name.Contains("-ADReplication", StringComparison.OrdinalIgnoreCase) ? $"https://learn.microsoft.com/powershell/module/activedirectory/{name.ToLowerInvariant()}"
        : $"https://learn.microsoft.com/powershell/module/exchange/{name.ToLowerInvariant()}";

    private static XElement Switch(string name, string description) =>
        new(Command + "parameter",
            new XAttribute("required", "false"), new XAttribute("globbing", "false"), new XAttribute("pipelineInput", "False"), new XAttribute("position", "named"),
            new XElement(Maml + "name", name),
            new XElement(Maml + "description", new XElement(Maml + "para", description)),
            new XElement(Dev + "type", new XElement(Maml + "name", typeof(SwitchParameter).FullName)));

    private static string PipelineInput(ParameterAttribute a) =>
        (a.ValueFromPipeline, a.ValueFromPipelineByPropertyName) switch
        {
            (true, true) => "True (ByValue, ByPropertyName)",
            (true, false) => "True (ByValue)",
            (false, true) => "True (ByPropertyName)",
            _ => "False",
        };

    private static string TypeName(Type type) => type.IsArray ? TypeName(type.GetElementType()!) + "[]" : Nullable.GetUnderlyingType(type)?.Name ?? type.Name;

    private static string Text(XElement? element) => element is null ? "" : Spaces().Replace(element.Value, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
