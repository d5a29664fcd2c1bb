using System.Management.Automation;
using System.Reflection;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Shell;

/// <summary>
/// The module against Microsoft's published syntax of the cmdlets it carries (Shell/DocumentedSyntax/*.tsv: one row per
/// cmdlet, parameter set and parameter, each with its source page). Each documented parameter is checked for
/// presence, type, mandatory-ness, position and pipeline binding, from the cmdlets' own metadata. The issue's goal is
/// 95 % on each measure; the floors below are what the module reaches today, so coverage can only grow, and the test
/// prints every gap.
/// </summary>
[TestFixture]
public sealed class DocumentedSyntaxTests
{
    private sealed record Row(string File, string Cmdlet, string Set, string Parameter, string Type, bool Mandatory, string Position, string Pipeline);

    /// <summary>
    /// What the module reaches, per table (the goal is 95 %). The two mandatory-ness deviations are deliberate and listed in
    /// docs/settings.md: Get-ADReplicationSubnet without arguments lists every subnet instead of prompting for -Identity,
    /// and New-MailboxDatabase -Recovery still needs -Name (the page marks it optional; a database has a name). The
    /// recipient cmdlets carry every documented parameter too; what they refuse is in docs/recipients.md ("Refused").
    /// </summary>
    private static readonly Dictionary<string, Dictionary<string, double>> Floors = new()
    {
        ["activedirectory"] = new() { ["present"] = 100, ["type"] = 100, ["mandatory"] = 99.2, ["position"] = 100, ["pipeline"] = 100 },
        ["clientview"] = new() { ["present"] = 100, ["type"] = 100, ["mandatory"] = 100, ["position"] = 100, ["pipeline"] = 100 },
        ["clientaccess"] = new() { ["present"] = 100, ["type"] = 100, ["mandatory"] = 100, ["position"] = 100, ["pipeline"] = 100 },
        ["databases"] = new() { ["present"] = 100, ["type"] = 100, ["mandatory"] = 99.3, ["position"] = 100, ["pipeline"] = 100 },
        ["servers"] = new() { ["present"] = 100, ["type"] = 100, ["mandatory"] = 100, ["position"] = 100, ["pipeline"] = 100 },
        ["recipients"] = new() { ["present"] = 100, ["type"] = 100, ["mandatory"] = 100, ["position"] = 100, ["pipeline"] = 100 },
    };

    private static readonly string[] Measures = ["present", "type", "mandatory", "position", "pipeline"];

    private static IReadOnlyList<Row> Documented()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Shell", "DocumentedSyntax");
        var rows = new List<Row>();
        foreach (var file in Directory.GetFiles(folder, "*.tsv").Order())
        {
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                if (line.StartsWith('#') || line.Trim().Length == 0)
                    continue;
                var f = line.Split('\t');
                Assert.That(f, Has.Length.GreaterThanOrEqualTo(8), $"{Path.GetFileName(file)}: {line}");
                rows.Add(new Row(Path.GetFileNameWithoutExtension(file), f[0], f[1], f[2], f[3], f[4] == "true", f[5], f[6]));
            }
        }
        return rows;
    }

    private static readonly IReadOnlyDictionary<string, CommandMetadata> Carried = typeof(PowerShell.CasDirectoryCmdlet).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<CmdletAttribute>() is not null && !t.IsAbstract)
        .ToDictionary(t => $"{t.GetCustomAttribute<CmdletAttribute>()!.VerbName}-{t.GetCustomAttribute<CmdletAttribute>()!.NounName}", t => new CommandMetadata(t), StringComparer.OrdinalIgnoreCase);

    /// <summary>"Unlimited&lt;ByteQuantifiedSize&gt;" for that type; a documented type without arguments compares by its outer name.</summary>
    private static string TypeName(Type type)
    {
        if (type.IsArray)
            return TypeName(type.GetElementType()!) + "[]";
        if (!type.IsGenericType)
            return type.Name;
        return $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(",", type.GetGenericArguments().Select(TypeName))}>";
    }

    private static bool SameType(string documented, Type actual)
    {
        var name = TypeName(actual);
        return documented.Contains('<')
            ? string.Equals(documented.Replace(" ", ""), name, StringComparison.OrdinalIgnoreCase)
            : string.Equals(documented, name.Split('<')[0], StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The parameter's set of the documented name, else the one set it is in, else its all-sets entry.</summary>
    private static ParameterSetMetadata SetOf(ParameterMetadata parameter, string documentedSet)
    {
        var sets = parameter.ParameterSets;
        if (sets.TryGetValue(documentedSet, out var named))
            return named;
        if (sets.TryGetValue(ParameterAttribute.AllParameterSets, out var all))
            return all;
        return sets.Values.First();
    }

    /// <summary>Exchange's pages number positions as Get-Help shows them (from 1); the ActiveDirectory module's from 0.</summary>
    private static string PositionOf(ParameterSetMetadata set, string file) =>
        set.Position == int.MinValue ? "named" : (set.Position + (file == "activedirectory" ? 0 : 1)).ToString();

    private static string PipelineOf(ParameterSetMetadata set) =>
        (set.ValueFromPipeline, set.ValueFromPipelineByPropertyName) switch
        {
            (true, true) => "value+propertyname",
            (true, false) => "value",
            (false, true) => "propertyname",
            _ => "none",
        };

    [Test]
    public void Every_documented_parameter_of_every_carried_cmdlet_is_measured_against_the_published_syntax()
    {
        var rows = Documented();
        var common = new HashSet<string>(typeof(System.Management.Automation.Internal.CommonParameters).GetProperties().Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
        var gaps = new Dictionary<string, List<string>>();
        var passed = rows.Select(r => r.File).Distinct().ToDictionary(f => f, _ => Measures.ToDictionary(m => m, _ => 0));
        void Gap(string measure, Row row, string detail) =>
            (gaps.TryGetValue(measure, out var list) ? list : gaps[measure] = []).Add($"{row.Cmdlet} -{row.Parameter} [{row.Set}]{detail}");

        foreach (var row in rows)
        {
            var pass = passed[row.File];
            ParameterMetadata? parameter = null;
            if (Carried.TryGetValue(row.Cmdlet, out var command))
                command.Parameters.TryGetValue(row.Parameter, out parameter);
            var isShouldProcess = row.Parameter is "WhatIf" or "Confirm" && command?.SupportsShouldProcess == true;
            if (parameter is null && !isShouldProcess)
            {
                Gap("present", row, Carried.ContainsKey(row.Cmdlet) ? "" : " (cmdlet not carried)");
                continue;
            }
            pass["present"]++;
            if (isShouldProcess || common.Contains(row.Parameter))
            {
                // -WhatIf/-Confirm: PowerShell's own, switch, named, not from the pipeline, never mandatory.
                foreach (var measure in new[] { "type", "mandatory", "position", "pipeline" })
                    pass[measure]++;
                continue;
            }
            var set = SetOf(parameter!, row.Set);
            if (SameType(row.Type, parameter!.ParameterType)) pass["type"]++; else Gap("type", row, $": {TypeName(parameter.ParameterType)}, documented {row.Type}");
            if (set.IsMandatory == row.Mandatory) pass["mandatory"]++; else Gap("mandatory", row, $": {set.IsMandatory}, documented {row.Mandatory}");
            if (PositionOf(set, row.File) == row.Position) pass["position"]++; else Gap("position", row, $": {PositionOf(set, row.File)}, documented {row.Position}");
            if (PipelineOf(set) == row.Pipeline) pass["pipeline"]++; else Gap("pipeline", row, $": {PipelineOf(set)}, documented {row.Pipeline}");
        }

        var shares = passed.ToDictionary(f => f.Key, f => f.Value.ToDictionary(p => p.Key, p => 100.0 * p.Value / rows.Count(r => r.File == f.Key)));
        TestContext.Out.WriteLine($"{rows.Count} documented parameters of {rows.Select(r => r.Cmdlet).Distinct().Count()} cmdlets:");
        foreach (var (file, measures) in shares)
        {
            TestContext.Out.WriteLine($"  {file} ({rows.Count(r => r.File == file)} parameters):");
            foreach (var (measure, share) in measures)
                TestContext.Out.WriteLine($"    {measure,-10} {share,5:0.0} %  ({passed[file][measure]})");
        }
        foreach (var (measure, list) in gaps)
            TestContext.Out.WriteLine($"\n{measure} gaps ({list.Count}):\n  " + string.Join("\n  ", list));

        Assert.That(Floors.Keys, Is.EquivalentTo(shares.Keys), "every table has its floor");
        Assert.Multiple(() =>
        {
            foreach (var (file, floors) in Floors)
                foreach (var (measure, floor) in floors)
                    Assert.That(shares[file][measure], Is.GreaterThanOrEqualTo(floor), $"{file}: {measure} fell below what the module reached before");
        });
    }

    [Test]
    public void The_syntax_tables_have_a_source_for_every_row_and_no_cmdlet_twice_per_set_and_parameter()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Shell", "DocumentedSyntax");
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.GetFiles(folder, "*.tsv"))
            foreach (var line in File.ReadLines(file).Skip(1).Where(l => !l.StartsWith('#') && l.Trim().Length > 0))
            {
                var f = line.Split('\t');
                Assert.That(f[7], Does.StartWith("http"), $"{Path.GetFileName(file)}: every row names its source: {line}");
                Assert.That(f[4], Is.EqualTo("true").Or.EqualTo("false"), line);
                Assert.That(f[6], Is.AnyOf("none", "value", "propertyname", "value+propertyname"), line);
                Assert.That(keys.Add($"{f[0]}|{f[1]}|{f[2]}"), Is.True, $"a row twice: {line}");
            }
        Assert.That(keys, Has.Count.GreaterThan(500), "the tables cover the carried cmdlets");
    }

    [Test]
    public void Get_Help_Online_opens_the_page_the_syntax_table_was_built_from_and_casdirs_own_cmdlets_have_none()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Shell", "DocumentedSyntax");
        var sources = Directory.GetFiles(folder, "*.tsv").SelectMany(File.ReadLines).Where(l => !l.StartsWith('#')).Select(l => l.Split('\t'))
            .Where(f => f.Length >= 8).GroupBy(f => f[0], StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(f => f[7])), StringComparer.OrdinalIgnoreCase);

        Assert.Multiple(() =>
        {
            foreach (var name in Carried.Keys)
            {
                var online = PowerShell.Help.MamlHelpWriter.OnlineUri(name);
                if (!sources.TryGetValue(name, out var pages))
                {
                    Assert.That(online, Is.Null, $"{name} is casdir's own: no Microsoft page to point at");
                    continue;
                }
                Assert.That(online, Does.StartWith("https://learn.microsoft.com/powershell/module/"), name);
                Assert.That(pages.ToLowerInvariant(), Does.Contain(name.ToLowerInvariant()), $"{name}: the table's sources name the same page");
            }
        });
    }
}
