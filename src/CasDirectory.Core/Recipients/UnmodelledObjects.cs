namespace CasDirectory.Core.Recipients;

/// <summary>
/// Parameters that name kinds of objects the directory does not hold (docs/recipients.md, "Refused"): retention,
/// sharing, throttling, ActiveSync, address book, role assignment and managed folder policies, mailbox plans, UM dial
/// plans, the organisation's resource schema. $null (clearing) is accepted; any other value is refused before
/// anything is written, so a script never believes a policy was applied.
/// </summary>
public static class UnmodelledObjects
{
    public static void RefuseValue(string parameter, object? value, string objects)
    {
        if (value is null || value is string { Length: 0 } || value is System.Collections.ICollection { Count: 0 })
            return;
        throw new DomainRuleException(
            $"-{parameter} '{value}' cannot be applied: this directory holds no {objects}, so there is nothing to link to. Leave -{parameter} out, or give $null to clear it (docs/recipients.md, \"Refused\").");
    }

    /// <summary>A hosting (multi-tenant) or cloud parameter given a value that would change something: refused, naming what is missing.</summary>
    public static DomainRuleException Hosting(string parameter, string why) =>
        new($"-{parameter} is refused: {why} Leave it out (docs/recipients.md, \"Refused\").");
}
