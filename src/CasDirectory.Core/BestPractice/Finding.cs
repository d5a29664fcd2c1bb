namespace CasDirectory.Core.BestPractice;

/// <summary>
/// One thing a rule found: the rule's stable ID and severity, the site it belongs to, a one-line finding
/// naming the objects, why it matters (the misunderstanding it prevents) and, where one exists, the exact
/// casdir command that fixes it.
/// </summary>
public sealed record Finding(string RuleId, Severity Severity, string? Site, string Subject, string Message, string Why, string? Fix);
