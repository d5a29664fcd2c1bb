using System.Text.RegularExpressions;

namespace CasDirectory.IntegrationTests.Fixtures;

/// <summary>Rows of PowerShell's tables: cells written with two spaces between them match however wide the columns came out.</summary>
public static class Table
{
    public static string Row(string cells) =>
        @"(?m)^\s*" + string.Join(@"\s+", Regex.Split(cells.Trim(), " {2,}").Select(Regex.Escape));
}
