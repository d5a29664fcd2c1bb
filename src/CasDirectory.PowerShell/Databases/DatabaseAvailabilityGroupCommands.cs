using System.Management.Automation;
using CasDirectory.Core;
using CasDirectory.Core.Databases;
using CasDirectory.Core.Identity;
using CasDirectory.Core.Settings;
using CasDirectory.Core.Values;
using CasDirectory.PowerShell.Objects;
using DatabaseAvailabilityGroup = CasDirectory.Core.Databases.DatabaseAvailabilityGroup;
using Settings = CasDirectory.Core.Databases.DatabaseAvailabilityGroupSettings;

namespace CasDirectory.PowerShell.Databases;

/// <summary>What New- and Set-DatabaseAvailabilityGroup share: the values bound turned into what the catalogue stores, and Exchange's witness checks.</summary>
internal static class DatabaseAvailabilityGroupCommands
{
    /// <summary>
    /// The bound values as the catalogue takes them: switches as Booleans, a witness server as its share's UNC path
    /// (\\server\DAG01.lab.local, the share Exchange makes), a folder as its text.
    /// </summary>
    public static IEnumerable<SettingChange> Plain(IEnumerable<SettingChange> given, DatabaseAvailabilityGroup? dag, string dnsDomain, string? newName = null) =>
        given.Select(c => c with
        {
            Value = c.Value switch
            {
                SwitchParameter s => s.IsPresent,
                FileShareWitnessServerName server => Settings.WitnessShare(server.HostName, dag?.Name ?? newName!, dnsDomain),
                NonRootLocalLongFullPath path => path.PathName,
                _ => c.Value,
            },
        });

    /// <summary>Exchange's rules: the witness servers are not members of the DAG, and the alternate is not the witness.</summary>
    public static void CheckWitnesses(DatabaseAvailabilityGroup dag, IReadOnlyList<SettingChange> changes)
    {
        string? Given(SettingDefinition d) => changes.FirstOrDefault(c => c.Definition == d) is { } c ? Settings.ServerOf(c.Value as string) : null;
        var witness = changes.Any(c => c.Definition == Settings.WitnessServer) ? Given(Settings.WitnessServer) : (string?)dag.Setting(Settings.WitnessServer);
        var alternate = changes.Any(c => c.Definition == Settings.AlternateWitnessServer) ? Given(Settings.AlternateWitnessServer) : (string?)dag.Setting(Settings.AlternateWitnessServer);
        foreach (var (property, server) in new[] { ("WitnessServer", Given(Settings.WitnessServer)), ("AlternateWitnessServer", Given(Settings.AlternateWitnessServer)) })
            if (server is not null && dag.ServerNames.Any(m => ObjectLookup.Same(m, server)))
                throw new DomainRuleException($"-{property} {server} is a member of DAG '{dag.Name}'; the witness server must be outside the DAG.", isMalformedInput: true);
        if (witness is not null && alternate is not null && ObjectLookup.Same(witness, alternate)
            && (changes.Any(c => c.Definition == Settings.WitnessServer) || changes.Any(c => c.Definition == Settings.AlternateWitnessServer)))
            throw new DomainRuleException($"-AlternateWitnessServer {alternate} is the witness server of DAG '{dag.Name}'; use another server.", isMalformedInput: true);
    }

    public static string Show(object? value) => value switch
    {
        null => "$null",
        string s => s,
        System.Collections.IEnumerable many => string.Join(",", many.Cast<object?>()),
        _ => value.ToString() ?? "",
    };
}
