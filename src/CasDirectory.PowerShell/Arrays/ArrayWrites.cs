using CasDirectory.Core;
using CasDirectory.Core.Arrays;
using CasDirectory.Ldap.Errors;
using CasDirectory.Ldap.Exchange;

namespace CasDirectory.PowerShell.Arrays;

/// <summary>A race that only slapd catches (its unique overlay) surfaces with the same rule message as the check before the write.</summary>
internal static class ArrayWrites
{
    public static T Guarded<T>(ExchangeDirectory directory, Func<T> write, string? name, string? fqdn, string? site, ClientAccessArray? except)
    {
        try
        {
            return write();
        }
        catch (DirectoryRefusedException e) when (e.Result is DirectoryResult.ConstraintViolation or DirectoryResult.EntryAlreadyExists)
        {
            var fresh = directory.ReadServersAndArraysUncached(); // the cache cannot know the rival write
            ClientAccessArrayUniqueness.Check(fresh.Arrays, fresh.Servers, name, fqdn, site, except);
            throw new DomainRuleException($"The directory refused the change: {e.Reason}");
        }
    }

    /// <summary>A4: changing or removing an array changes no database; say which databases keep pointing at it.</summary>
    public static string? PointingDatabases(ExchangeDirectory directory, ClientAccessArray array, string what)
    {
        var pointing = directory.ReadDatabases().Where(d => Core.Identity.ObjectLookup.Same(d.RpcClientAccessLegacyDN, array.LegacyExchangeDN)).Select(d => d.Name).ToList();
        return pointing.Count == 0 ? null
            : $"{pointing.Count} database(s) point at Client Access array '{array.Name}' ({string.Join(", ", pointing)}), which {what}.";
    }
}
