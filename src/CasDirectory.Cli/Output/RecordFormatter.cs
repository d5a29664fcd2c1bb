using System.Collections;
using System.Text;
using System.Text.Json;

namespace CasDirectory.Cli.Output;

/// <summary>
/// Writes records as the Exchange Management Shell shows them. The table is PowerShell's Format-Table
/// -AutoSize layout (columns as wide as their widest value, two spaces apart, headers underlined to
/// their own length, lists as {a, b}); written by hand because its exact text is the contract.
/// </summary>
public static class RecordFormatter
{
    public static string Format(IReadOnlyList<OutputRecord> records, OutputFormat format, IReadOnlyList<string>? columns = null)
    {
        if (records.Count == 0)
            return format == OutputFormat.Json ? "[]\n" : "";
        return format switch
        {
            OutputFormat.Table => Table(records, columns ?? records[0].DefaultColumns),
            OutputFormat.List => List(records, columns),
            OutputFormat.Json => Json(records, columns),
            OutputFormat.Csv => Csv(records, columns),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    public static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "True" : "False",
        IEnumerable list => "{" + string.Join(", ", list.Cast<object?>().Select(Text)) + "}",
        _ => value.ToString() ?? "",
    };

    private static IReadOnlyList<string> ColumnsOf(OutputRecord record, IReadOnlyList<string>? columns) =>
        columns is null ? record.Properties.Select(p => p.Key).ToList()
            : columns.Select(c => record.Properties.FirstOrDefault(p => string.Equals(p.Key, c, StringComparison.OrdinalIgnoreCase)).Key ?? c).ToList();

    private static string Table(IReadOnlyList<OutputRecord> records, IReadOnlyList<string> columns)
    {
        var headers = ColumnsOf(records[0], columns);
        var rows = records.Select(r => headers.Select(h => Text(r[h])).ToList()).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToList();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells) =>
            text.Append(string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd()).Append('\n');
        Line(headers);
        Line(headers.Select(h => new string('-', h.Length)).ToList());
        rows.ForEach(Line);
        return text.ToString();
    }

    private static string List(IReadOnlyList<OutputRecord> records, IReadOnlyList<string>? columns)
    {
        var text = new StringBuilder();
        foreach (var record in records)
        {
            var names = ColumnsOf(record, columns);
            var width = names.Max(n => n.Length);
            foreach (var name in names)
                text.Append(name.PadRight(width)).Append(" : ").Append(Text(record[name])).Append('\n');
            text.Append('\n');
        }
        return text.ToString();
    }

    private static string Json(IReadOnlyList<OutputRecord> records, IReadOnlyList<string>? columns)
    {
        var list = records.Select(r => ColumnsOf(r, columns).ToDictionary(n => n, n => r[n])).ToList();
        return JsonSerializer.Serialize(list, new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static string Csv(IReadOnlyList<OutputRecord> records, IReadOnlyList<string>? columns)
    {
        var names = ColumnsOf(records[0], columns);
        static string Cell(object? value)
        {
            var text = value is IEnumerable and not string ? string.Join(";", ((IEnumerable)value).Cast<object?>().Select(Text)) : Text(value);
            return text.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
        }
        var text = new StringBuilder(string.Join(",", names)).Append('\n');
        foreach (var record in records)
            text.Append(string.Join(",", names.Select(n => Cell(record[n])))).Append('\n');
        return text.ToString();
    }
}
