namespace CasDirectory.Core.BestPractice;

/// <summary>How much a finding matters: Error breaks clients, Warning goes against guidance, Info explains.</summary>
public enum Severity { Info = 0, Warning = 1, Error = 2 }
