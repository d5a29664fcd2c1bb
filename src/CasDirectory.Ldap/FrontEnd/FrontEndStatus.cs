namespace CasDirectory.Ldap.FrontEnd;

/// <summary>A running front end as its admin socket shows it: which provider holds the write endpoint (Sticky: the
/// stick table names it; otherwise the first provider that is up gets the next connection) and each server's health.</summary>
public sealed record FrontEndStatus(FrontEndState State, int? Pid, FrontEndMember? Writer, bool Sticky, IReadOnlyDictionary<string, string> Health)
{
    public bool Running => Pid is not null;
}
