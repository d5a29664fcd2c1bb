using System.Globalization;
using System.Text;
using CasDirectory.Core.Naming;

namespace CasDirectory.Core.ActiveDirectory;

/// <summary>
/// The ActiveDirectory module's <c>-Filter</c>: its PowerShell Expression Language (about_ActiveDirectory_Filter),
/// translated into one LDAP filter, every value escaped (RFC 4515). <c>*</c> is everything;
/// <c>Name -like 'Site-*'</c>, <c>-eq -ne -lt -le -gt -ge -like -notlike -approx -band -bor</c>, <c>-and -or -not</c>
/// and parentheses; values quoted ('…' or "…"), numbers, <c>$true</c>/<c>$false</c>, or <c>$variables</c> the caller
/// resolves. A property is one of the object's (<see cref="AdFilterProperties"/>) or an LDAP attribute the caller's
/// schema knows. Anything else is a <see cref="DomainRuleException"/> naming what and where.
/// </summary>
public static class AdFilter
{
    /// <summary>How deep parentheses and -not may nest: far beyond any script's, well short of the stack's end (and of
    /// the time a chain of -not would take to build).</summary>
    public const int MaxDepth = 100;

    /// <summary>The LDAP filter for <paramref name="filter"/>; <paramref name="variable"/> resolves <c>$name</c>
    /// (null: no such variable).</summary>
    public static string ToLdap(string filter, AdFilterProperties properties, Func<string, object?> variable)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var text = filter.Trim();
        if (text.StartsWith('{') && text.EndsWith('}'))
            text = text[1..^1].Trim(); // a script block's text, as some scripts quote it
        if (text == "*")
            return "(objectClass=*)";
        if (text.Length == 0)
            throw Error(filter, 0, "the filter is empty (use * for every object)");
        var parser = new Parser(filter, text, properties, variable);
        var result = parser.Or();
        parser.End();
        return result;
    }

    private static DomainRuleException Error(string filter, int position, string what) =>
        new($"Error parsing the filter '{filter}' at position {position + 1}: {what}.", isMalformedInput: true);

    private sealed class Parser(string original, string text, AdFilterProperties properties, Func<string, object?> variable)
    {
        private int position;
        private int depth;

        public void End()
        {
            SkipSpace();
            if (position < text.Length)
                throw Error(original, position, $"unexpected '{Rest()}'");
        }

        public string Or()
        {
            var parts = new List<string> { And() };
            while (Keyword("-or"))
                parts.Add(And());
            return parts.Count == 1 ? parts[0] : "(|" + string.Concat(parts) + ")";
        }

        private string And()
        {
            var parts = new List<string> { Unary() };
            while (Keyword("-and"))
                parts.Add(Unary());
            return parts.Count == 1 ? parts[0] : "(&" + string.Concat(parts) + ")";
        }

        private string Unary()
        {
            SkipSpace();
            if (++depth > MaxDepth)
                throw Error(original, position, $"parentheses and -not nest more than {MaxDepth} deep");
            try
            {
                return UnaryBody();
            }
            finally
            {
                depth--;
            }
        }

        private string UnaryBody()
        {
            if (Keyword("-not"))
                return "(!" + Unary() + ")";
            if (Peek() == '(')
            {
                position++;
                var inner = Or();
                SkipSpace();
                if (Peek() != ')')
                    throw Error(original, position, "a ')' is missing");
                position++;
                return inner;
            }
            return Comparison();
        }

        private string Comparison()
        {
            SkipSpace();
            var start = position;
            while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '-' or '_'))
                position++; // LDAP names hold hyphens (msDS-Approx-Immed-Subordinates); an operator follows a space
            var name = text[start..position];
            if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
                throw Error(original, start, position < text.Length ? $"a property name was expected, not '{Rest()}'" : "a comparison was expected");
            var attribute = properties.Attribute(name)
                ?? throw new DomainRuleException($"Error parsing the filter '{original}': '{name}' is not a property of {properties.ObjectType}" +
                                                 $" (its properties: {string.Join(", ", properties.Names)}; or an LDAP attribute of the schema).", isMalformedInput: true);
            SkipSpace();
            var operatorStart = position;
            var op = Operator();
            SkipSpace();
            var value = Value();
            return Translate(attribute, op, value, operatorStart);
        }

        private string Operator()
        {
            foreach (var op in Operators)
                if (Keyword(op))
                    return op;
            throw Error(original, position, position < text.Length ? $"an operator (-eq, -like, …) was expected, not '{Rest()}'" : "an operator was expected");
        }

        private static readonly string[] Operators = ["-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-notlike", "-like", "-approx", "-band", "-bor"];

        private string Value()
        {
            var start = position;
            var c = Peek();
            if (c is '\'' or '"')
                return Quoted(c);
            if (c == '$')
            {
                position++;
                var nameStart = position;
                while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '_' or ':'))
                    position++;
                var name = text[nameStart..position];
                if (name.Equals("true", StringComparison.OrdinalIgnoreCase)) return "TRUE";
                if (name.Equals("false", StringComparison.OrdinalIgnoreCase)) return "FALSE";
                if (name.Length == 0 || name.Equals("null", StringComparison.OrdinalIgnoreCase))
                    throw Error(original, start, "a value was expected ($null matches nothing: use -not (Property -like '*'))");
                var value = variable(name) ?? throw Error(original, start, $"the variable ${name} is not set");
                return value switch
                {
                    string text => text,
                    DateTime time => time.ToUniversalTime().ToString("yyyyMMddHHmmss'.0Z'", CultureInfo.InvariantCulture), // whenCreated's form
                    DateTimeOffset time => time.UtcDateTime.ToString("yyyyMMddHHmmss'.0Z'", CultureInfo.InvariantCulture),
                    bool flag => flag ? "TRUE" : "FALSE",
                    System.Collections.IEnumerable => throw Error(original, start, $"${name} holds a list, not one value"),
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
                };
            }
            while (position < text.Length && !char.IsWhiteSpace(text[position]) && text[position] != ')')
                position++;
            var bare = text[start..position];
            if (bare.Length == 0)
                throw Error(original, start, "a value was expected");
            if (!long.TryParse(bare, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                throw Error(original, start, $"'{bare}' is not a value: quote text ('{bare}')");
            return bare;
        }

        private string Quoted(char quote)
        {
            var start = position++;
            var value = new StringBuilder();
            while (true)
            {
                if (position >= text.Length)
                    throw Error(original, start, $"the quoted value is not closed with {quote}");
                var c = text[position++];
                if (c == quote)
                {
                    if (Peek() == quote) { value.Append(quote); position++; continue; } // '' or ""
                    return value.ToString();
                }
                if (c == '`' && quote == '"' && position < text.Length) { value.Append(text[position++]); continue; }
                value.Append(c);
            }
        }

        private string Translate(string attribute, string op, string value, int at)
        {
            var escaped = attribute.Equals("objectGUID", StringComparison.OrdinalIgnoreCase) && Guid.TryParse(value, out var guid)
                ? string.Concat(guid.ToByteArray().Select(b => $"\\{b:x2}")) // a GUID as AD stores it: 16 bytes, its byte order
                : LdapEscaping.FilterValue(op is "-like" or "-notlike" ? value : properties.Value(attribute, value));
            switch (op)
            {
                case "-eq": return $"({attribute}={escaped})";
                case "-ne": return $"(!({attribute}={escaped}))";
                case "-le": return $"({attribute}<={escaped})";
                case "-ge": return $"({attribute}>={escaped})";
                case "-lt": return $"(&({attribute}<={escaped})(!({attribute}={escaped})))";
                case "-gt": return $"(&({attribute}>={escaped})(!({attribute}={escaped})))";
                case "-approx": return $"({attribute}~={escaped})";
                case "-like": return Like(attribute, value);
                case "-notlike": return $"(!{Like(attribute, value)})";
                case "-band":
                case "-bor":
                    if (!ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                        throw Error(original, at, $"{op} takes a whole number, not '{value}'");
                    return $"({attribute}:{(op == "-band" ? "1.2.840.113556.1.4.803" : "1.2.840.113556.1.4.804")}:={value})";
                default: throw Error(original, at, $"unknown operator {op}");
            }
        }

        /// <summary>-like: '*' is any run of characters (LDAP's substring filter); everything else is literal.</summary>
        private static string Like(string attribute, string value)
        {
            var pattern = System.Text.RegularExpressions.Regex.Replace(value, @"\*{2,}", "*"); // '**' is '*': LDAP has no empty substring
            return pattern == "*" ? $"({attribute}=*)" : $"({attribute}={string.Join("*", pattern.Split('*').Select(LdapEscaping.FilterValue))})";
        }

        private bool Keyword(string word)
        {
            SkipSpace();
            if (string.Compare(text, position, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) != 0)
                return false;
            var end = position + word.Length;
            if (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_'))
                return false; // -notlike is not -not followed by "like"
            position = end;
            return true;
        }

        private void SkipSpace()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
                position++;
        }

        private char Peek() => position < text.Length ? text[position] : '\0';

        private string Rest() => text[position..].Length > 20 ? text[position..(position + 20)] + "…" : text[position..];
    }
}
