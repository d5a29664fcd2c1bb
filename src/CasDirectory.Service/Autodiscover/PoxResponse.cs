using System.Globalization;
using System.Text;
using System.Xml;
using CasDirectory.Core.ClientView;

namespace CasDirectory.Service.Autodiscover;

/// <summary>
/// Writes POX answers as Exchange 2010 does (response schema 2006 around 2006a): the settings (User, then Account with
/// one Protocol per type: EXCH, EXPR when Outlook Anywhere is on, WEB), a redirectAddr, or an Error (500 for an unknown
/// address, 600 for an invalid request, 601 for a response schema this server does not provide).
/// </summary>
public static class PoxResponse
{
    public const string ResponseSchema = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";

    private static readonly XmlWriterSettings WriterSettings = new() { Encoding = new UTF8Encoding(false), Indent = true, OmitXmlDeclaration = false };

    public static byte[] Settings(OutlookSettings settings) => Write(w =>
    {
        w.WriteStartElement("Response", PoxRequest.OutlookResponseSchema);
        w.WriteStartElement("User");
        w.WriteElementString("DisplayName", settings.User.DisplayName);
        w.WriteElementString("LegacyDN", settings.User.LegacyDN);
        w.WriteElementString("DeploymentId", settings.User.DeploymentId.ToString());
        w.WriteEndElement();
        w.WriteStartElement("Account");
        w.WriteElementString("AccountType", "email");
        w.WriteElementString("Action", "settings");

        var exch = settings.Exch;
        w.WriteStartElement("Protocol");
        w.WriteElementString("Type", "EXCH");
        w.WriteElementString("Server", exch.Server);
        w.WriteElementString("ServerDN", exch.ServerDN);
        w.WriteElementString("ServerVersion", exch.ServerVersion);
        w.WriteElementString("MdbDN", exch.MdbDN);
        Optional(w, "PublicFolderServer", exch.PublicFolderServer);
        Optional(w, "AD", exch.ActiveDirectoryServer);
        Urls(w, exch.Urls);
        w.WriteEndElement();

        if (settings.Expr is { } expr)
        {
            w.WriteStartElement("Protocol");
            w.WriteElementString("Type", "EXPR");
            w.WriteElementString("Server", expr.Server);
            w.WriteElementString("SSL", expr.Ssl ? "On" : "Off");
            w.WriteElementString("AuthPackage", expr.AuthPackage);
            Urls(w, expr.Urls);
            w.WriteEndElement();
        }
        if (settings.Web is { } web)
        {
            w.WriteStartElement("Protocol");
            w.WriteElementString("Type", "WEB");
            WebUrl(w, "Internal", web.Internal);
            WebUrl(w, "External", web.External);
            w.WriteEndElement();
        }
        w.WriteEndElement(); // Account
        w.WriteEndElement(); // Response
    });

    /// <summary>The address belongs to a mailbox whose primary address is another: Outlook asks again for that one.</summary>
    public static byte[] RedirectAddress(string primary) => Write(w =>
    {
        w.WriteStartElement("Response", PoxRequest.OutlookResponseSchema);
        w.WriteStartElement("Account");
        w.WriteElementString("Action", "redirectAddr");
        w.WriteElementString("RedirectAddr", primary);
        w.WriteEndElement();
        w.WriteEndElement();
    });

    /// <summary>An Error element directly under a Response of the 2006 schema (not the Outlook one), as Exchange writes every POX error.</summary>
    public static byte[] Error(int code, string message) => Write(w =>
    {
        w.WriteStartElement("Response", ResponseSchema);
        w.WriteStartElement("Error");
        w.WriteAttributeString("Time", DateTime.UtcNow.ToString("HH:mm:ss.fffffff", CultureInfo.InvariantCulture));
        w.WriteAttributeString("Id", ((uint)Random.Shared.Next()).ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("ErrorCode", code.ToString(CultureInfo.InvariantCulture));
        w.WriteElementString("Message", message);
        w.WriteStartElement("DebugData");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    });

    private static void Urls(XmlWriter w, ProtocolUrls urls)
    {
        // ASUrl, EwsUrl and OOFUrl are the same EWS endpoint; UMUrl its legacy UM one; EcpUrl the ECP root.
        Optional(w, "ASUrl", urls.Ews);
        Optional(w, "EwsUrl", urls.Ews);
        Optional(w, "OOFUrl", urls.Ews);
        Optional(w, "UMUrl", urls.Um);
        Optional(w, "OABUrl", urls.Oab);
        Optional(w, "EcpUrl", urls.Ecp);
    }

    private static void WebUrl(XmlWriter w, string where, WebUrl? url)
    {
        if (url is null)
            return;
        w.WriteStartElement(where);
        w.WriteStartElement("OWAUrl");
        if (url.AuthenticationMethods.Length > 0)
            w.WriteAttributeString("AuthenticationMethod", url.AuthenticationMethods);
        w.WriteString(url.Url);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Optional(XmlWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
            w.WriteElementString(name, value);
    }

    private static byte[] Write(Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, WriterSettings))
        {
            w.WriteStartElement("Autodiscover", ResponseSchema);
            body(w);
            w.WriteEndElement();
        }
        return stream.ToArray();
    }
}
