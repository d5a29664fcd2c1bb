using CasDirectory.Ldap.Local;

namespace CasDirectory.Bench;

/// <summary>
/// A rendered slapd.conf with the plugin lines of another release's template in place of its own: each of that
/// template's plugin lines goes at the end of the section it stood in (the global one, or the database of the same
/// suffix), where the release put it after the section's overlays. So a baseline plugin runs as its release ran it.
/// </summary>
public static class SlapdConfigLines
{
    public static string WithPluginLinesOf(string config, string baselineTemplate, IReadOnlyDictionary<string, string> values)
    {
        var wanted = Sectioned(baselineTemplate.Split('\n'))
            .Where(l => IsPlugin(l.Line))
            .Select(l => (Section: TemplateRenderer.Render(l.Section, values, "baseline section"), Line: TemplateRenderer.Render(l.Line, values, "baseline plugin line")))
            .ToList();
        var lines = Sectioned(config.Split('\n')).Where(l => !IsPlugin(l.Line)).ToList();
        var output = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var sectionEnds = i + 1 == lines.Count || lines[i + 1].Section != lines[i].Section;
            output.Add(lines[i].Line);
            if (sectionEnds)
                output.AddRange(wanted.Where(w => w.Section == lines[i].Section).Select(w => w.Line));
        }
        var placed = wanted.Where(w => lines.Any(l => l.Section == w.Section)).Count();
        if (placed != wanted.Count)
            throw new InvalidOperationException("the baseline template has a plugin line in a database this configuration does not have");
        return string.Join('\n', output);
    }

    private static bool IsPlugin(string line) => line.StartsWith("plugin ", StringComparison.Ordinal);

    // "" for the global section; a database's section is named by its suffix line (the database line itself and what
    // precedes the suffix belong to it too).
    private static IEnumerable<(string Section, string Line)> Sectioned(IEnumerable<string> lines)
    {
        var section = "";
        foreach (var line in lines)
        {
            if (line.StartsWith("database", StringComparison.Ordinal)) section = "database";
            else if (section == "database" && line.StartsWith("suffix", StringComparison.Ordinal)) section = line["suffix".Length..].Trim().Trim('"');
            yield return (section, line);
        }
    }
}
