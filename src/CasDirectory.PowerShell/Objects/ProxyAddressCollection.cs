using System.Collections;
using System.Management.Automation;
using CasDirectory.Core.Recipients;

namespace CasDirectory.PowerShell.Objects;

/// <summary>
/// What -EmailAddresses takes, as EMS's ProxyAddressCollection: a list of addresses (a value without a prefix is smtp:,
/// SMTP: marks the primary), or, as Exchange 2010 SP1 takes it, a hashtable <c>@{Add=…; Remove=…}</c> that edits the
/// addresses the mailbox has. Each value is checked as it binds.
/// </summary>
public sealed class ProxyAddressCollection
{
    public ProxyAddressCollection(string value) : this([value]) { }

    public ProxyAddressCollection(object[] values) => Values = values.Select(Text).Select(ProxyAddress.Parse).ToList();

    public ProxyAddressCollection(Hashtable edits)
    {
        foreach (DictionaryEntry edit in edits)
        {
            var values = edit.Value is IEnumerable list and not string ? list.Cast<object>().Select(Text).ToList() : [Text(edit.Value)];
            switch (edit.Key?.ToString()?.ToLowerInvariant())
            {
                case "add" or "+": Added.AddRange(values.Select(ProxyAddress.Parse)); break;
                case "remove" or "-": Removed.AddRange(values.Select(ProxyAddress.Parse)); break;
                default: throw new ArgumentException($"-EmailAddresses takes a list of addresses or @{{Add=…; Remove=…}}, not the key '{edit.Key}'.");
            }
        }
        IsEdit = true;
    }

    private static string Text(object? value) => (value is PSObject wrapped ? wrapped.BaseObject : value)?.ToString() ?? "";

    /// <summary>The whole list (when not an edit).</summary>
    public IReadOnlyList<ProxyAddress> Values { get; } = [];
    public List<ProxyAddress> Added { get; } = [];
    public List<ProxyAddress> Removed { get; } = [];
    public bool IsEdit { get; }

    /// <summary>The list this value makes of <paramref name="current"/>: the list itself, or the current one edited.</summary>
    public IReadOnlyList<ProxyAddress> ApplyTo(IReadOnlyList<ProxyAddress> current)
    {
        if (!IsEdit)
            return Values;
        var result = current.Where(c => !Removed.Any(r => r.SameAddress(c))).ToList();
        foreach (var added in Added.Where(a => !result.Any(r => r.SameAddress(a))))
            result.Add(added);
        return result;
    }

    public override string ToString() => string.Join(", ", IsEdit ? Added.Select(a => "+" + a).Concat(Removed.Select(r => "-" + r)) : Values.Select(v => v.ToString()));
}
