using System.Text.Json;

namespace CasDirectory.Ldap.Local;

/// <summary>Whether a local directory runs, and where. Its JSON form is a contract other projects' tests read.</summary>
public sealed record LocalDirectoryStatus(string DataDirectory, bool Running, int? ProcessId, LocalDirectoryState State)
{
    public string ToJson()
    {
        var document = new Dictionary<string, object?>
        {
            ["running"] = Running,
            ["url"] = State.Url,
            ["ldapsUrl"] = State.LdapsUrl,
            ["caFile"] = State.CaFile,
            ["baseDn"] = State.BaseDn,
            ["configurationDn"] = State.ConfigurationDn,
            ["domain"] = State.Domain,
            ["organization"] = State.Organization,
            ["dataDirectory"] = DataDirectory,
            ["pid"] = ProcessId,
            ["accounts"] = State.Accounts.ToDictionary(a => a.Key, a => new { dn = a.Value.Dn, passwordFile = a.Value.PasswordFile }),
        };
        return JsonSerializer.Serialize(document, LocalDirectoryState.JsonOptions);
    }
}
