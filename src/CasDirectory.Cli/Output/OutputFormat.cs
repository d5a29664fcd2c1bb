namespace CasDirectory.Cli.Output;

/// <summary>How records are shown: the shell's table (default), its list (fl), or json / csv for scripts.</summary>
public enum OutputFormat { Table, List, Json, Csv }
