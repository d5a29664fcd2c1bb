namespace CasDirectory.Core.Recipients;

/// <summary>
/// Set-Mailbox -CreateDTMFMap: the keypad spellings Unified Messaging finds a user by (msExchUMDtmfMap), as Exchange
/// writes them: <c>emailAddress:</c> the alias, <c>lastNameFirstName:</c> and <c>firstNameLastName:</c>, each letter
/// as its telephone key (ABC=2 … WXYZ=9), digits kept, everything else left out.
/// </summary>
public static class DtmfMap
{
    public static IReadOnlyList<string> For(string alias, string? firstName, string? lastName)
    {
        var values = new List<string> { "emailAddress:" + Digits(alias) };
        var last = Digits(lastName ?? "");
        var first = Digits(firstName ?? "");
        if (last.Length + first.Length > 0)
        {
            values.Add("lastNameFirstName:" + last + first);
            values.Add("firstNameLastName:" + first + last);
        }
        return values.Where(v => !v.EndsWith(':')).ToList();
    }

    public static string Digits(string text) => new(text.ToUpperInvariant().Select(Key).Where(c => c != '\0').ToArray());

    private static char Key(char c) => c switch
    {
        >= '0' and <= '9' => c,
        >= 'A' and <= 'C' => '2', >= 'D' and <= 'F' => '3', >= 'G' and <= 'I' => '4', >= 'J' and <= 'L' => '5',
        >= 'M' and <= 'O' => '6', >= 'P' and <= 'S' => '7', >= 'T' and <= 'V' => '8', >= 'W' and <= 'Z' => '9',
        _ => '\0',
    };
}
