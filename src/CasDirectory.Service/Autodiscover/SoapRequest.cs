using System.Xml;

namespace CasDirectory.Service.Autodiscover;

/// <summary>
/// A SOAP Autodiscover GetUserSettings request (namespace http://schemas.microsoft.com/exchange/2010/Autodiscover): the
/// mailboxes (Users/User/Mailbox) and the setting names asked for. Recognised by its body element, not by a SOAPAction
/// header (the EWS Managed API's JavaScript port sends none). Parsed with DTDs and external entities off.
/// </summary>
public sealed record SoapRequest(IReadOnlyList<string> Mailboxes, IReadOnlyList<string> Settings)
{
    public const string Namespace = "http://schemas.microsoft.com/exchange/2010/Autodiscover";
    public const string SoapNamespace = "http://schemas.xmlsoap.org/soap/envelope/";

    /// <summary>The most mailboxes one request may ask for (Exchange allows 100).</summary>
    public const int MaximumUsers = 100;

    public static SoapRequest? Parse(Stream body, int maxCharacters, out string? problem)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = maxCharacters,
            IgnoreComments = true, IgnoreWhitespace = true, IgnoreProcessingInstructions = true,
        };
        var mailboxes = new List<string>();
        var names = new List<string>();
        var operation = (string?)null;
        try
        {
            using var reader = XmlReader.Create(body, settings);
            reader.MoveToContent();
            if (reader.LocalName != "Envelope" || reader.NamespaceURI != SoapNamespace)
            {
                problem = "the body is not a SOAP 1.1 envelope";
                return null;
            }
            var inBody = false;
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    if (reader.NamespaceURI == SoapNamespace && reader.LocalName == "Body")
                        inBody = true;
                    else if (inBody && reader.NamespaceURI == Namespace)
                    {
                        operation ??= reader.LocalName;
                        // ReadElementContentAsString moves past the element it reads: the loop reads on only otherwise.
                        if (reader.LocalName == "Mailbox")
                        {
                            mailboxes.Add(reader.ReadElementContentAsString().Trim());
                            continue;
                        }
                        if (reader.LocalName == "Setting")
                        {
                            names.Add(reader.ReadElementContentAsString().Trim());
                            continue;
                        }
                    }
                }
                reader.Read();
            }
        }
        catch (XmlException e)
        {
            problem = "the body is not well-formed XML: " + e.Message;
            return null;
        }
        if (operation != "GetUserSettingsRequestMessage")
        {
            problem = operation is null ? "the SOAP body holds no Autodiscover request" : $"the operation {operation} is not served here (GetUserSettings is)";
            return null;
        }
        if (mailboxes.Count == 0 || mailboxes.Any(m => m.Length == 0) || mailboxes.Count > MaximumUsers)
        {
            problem = $"GetUserSettings names {mailboxes.Count} mailboxes; it takes 1 to {MaximumUsers}, none empty";
            return null;
        }
        if (names.Count == 0)
        {
            problem = "GetUserSettings asks for no setting";
            return null;
        }
        problem = null;
        return new SoapRequest(mailboxes, names.Distinct(StringComparer.Ordinal).ToList());
    }
}
