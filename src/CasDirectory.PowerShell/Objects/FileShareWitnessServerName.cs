namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// EMS's FileShareWitnessServerName: the computer that holds a DAG's witness share, by its name (at most 15
/// characters) or FQDN. Binds from text; anything else is refused.
/// </summary>
public sealed class FileShareWitnessServerName
{
    public FileShareWitnessServerName(string name)
    {
        try
        {
            Name = Core.Databases.DatabaseAvailabilityGroupSettings.RequireWitnessServer(name?.Trim(), "WitnessServer");
        }
        catch (Core.DomainRuleException e)
        {
            throw new ArgumentException(e.Message, e);
        }
    }

    public string Name { get; }

    /// <summary>The computer's short name: the server part of the share kept in the directory.</summary>
    public string HostName => Name.Split('.')[0];

    public override string ToString() => Name;
}
