using System.Text;

namespace CasDirectory.Core.Naming;

/// <summary>Escaping of values put into DNs (RFC 4514) and search filters (RFC 4515).</summary>
public static class LdapEscaping
{
    /// <summary>Escapes one attribute value for use in an RDN, e.g. <c>CN=</c> + DnValue(name).</summary>
    public static string DnValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var first = i == 0;
            var last = i == value.Length - 1;
            switch (c)
            {
                case '\0':
                    sb.Append("\\00");
                    break;
                case '"' or '+' or ',' or ';' or '<' or '>' or '\\' or '=':
                    sb.Append('\\').Append(c);
                    break;
                case '#' when first:
                    sb.Append("\\#");
                    break;
                case ' ' when first || last:
                    sb.Append("\\ ");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                            sb.Append('\\').Append(b.ToString("x2"));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Escapes one assertion value for use inside a search filter.</summary>
    public static string FilterValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            switch (c)
            {
                case '*': sb.Append("\\2a"); break;
                case '(': sb.Append("\\28"); break;
                case ')': sb.Append("\\29"); break;
                case '\\': sb.Append("\\5c"); break;
                case '\0': sb.Append("\\00"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
