using System.Xml;

namespace CasDirectory.Service.Autodiscover;

/// <summary>
/// An Outlook POX Autodiscover request (request schema 2006): <c>Autodiscover/Request/EMailAddress</c> or
/// <c>LegacyDN</c> (LegacyDN wins when both are there, [MS-OXDSCLI] 3.2.5) and <c>AcceptableResponseSchema</c>. Parsed
/// with DTDs and external entities off, within the body limit; anything else is an invalid request (600).
/// </summary>
public sealed record PoxRequest(string? EmailAddress, string? LegacyDn, string AcceptableResponseSchema)
{
    public const string RequestSchema = "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006";
    public const string OutlookResponseSchema = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

    /// <summary>What the request names: its LegacyDN, else its EMailAddress.</summary>
    public string Identity => LegacyDn ?? EmailAddress!;

    /// <summary>The request, or null with the reason (then the answer is error 600, Invalid Request).</summary>
    public static PoxRequest? Parse(Stream body, int maxCharacters, out string? problem)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = maxCharacters,
            IgnoreComments = true, IgnoreWhitespace = true, IgnoreProcessingInstructions = true,
        };
        string? email = null, legacyDn = null, schema = null;
        try
        {
            using var reader = XmlReader.Create(body, settings);
            reader.MoveToContent();
            if (reader.LocalName != "Autodiscover" || reader.NamespaceURI != RequestSchema)
            {
                problem = $"the root element is {{{reader.NamespaceURI}}}{reader.LocalName}, not Autodiscover of the Outlook request schema {RequestSchema}";
                return null;
            }
            reader.Read();
            while (!reader.EOF)
            {
                // ReadElementContentAsString moves past the element it reads: the loop reads on only otherwise.
                if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == RequestSchema && reader.LocalName is "EMailAddress" or "LegacyDN" or "AcceptableResponseSchema")
                {
                    var name = reader.LocalName;
                    var value = reader.ReadElementContentAsString().Trim();
                    if (name == "EMailAddress") email = value; else if (name == "LegacyDN") legacyDn = value; else schema = value;
                    continue;
                }
                reader.Read();
            }
        }
        catch (XmlException e)
        {
            problem = "the body is not well-formed XML: " + e.Message;
            return null;
        }
        if (string.IsNullOrEmpty(schema))
        {
            problem = "the request has no AcceptableResponseSchema";
            return null;
        }
        if (string.IsNullOrEmpty(email) && string.IsNullOrEmpty(legacyDn))
        {
            problem = "the request names neither an EMailAddress nor a LegacyDN";
            return null;
        }
        problem = null;
        return new PoxRequest(string.IsNullOrEmpty(email) ? null : email, string.IsNullOrEmpty(legacyDn) ? null : legacyDn, schema);
    }
}
