namespace CasDirectory.Core;

/// <summary>
/// A request that breaks a behaviour rule (docs/rules.md) or is malformed. The message names the rule and the objects
/// and, where there is one, the fix. Nothing has been written when it is thrown.
/// </summary>
public class DomainRuleException(string message, bool isMalformedInput = false) : Exception(message)
{
    /// <summary>True for a malformed value (a usage error); false for a well-formed request the rules refuse.</summary>
    public bool IsMalformedInput { get; } = isMalformedInput;
}
