namespace CasDirectory.Core.Settings;

/// <summary>One Exchange property kept in one AD attribute (docs/settings.md lists them all, with their sources).</summary>
public sealed record SettingDefinition(string Name, string Attribute, SettingSyntax Syntax)
{
    public object? Read(IReadOnlyList<string> stored) => Syntax.Read(stored);
}

/// <summary>A property a command sets: its definition and the value given ($null clears where the syntax allows).</summary>
public sealed record SettingChange(SettingDefinition Definition, object? Value);
