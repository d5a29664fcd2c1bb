using System.Globalization;
using System.Text;
using System.Xml;
using CasDirectory.Core.ClientView;

namespace CasDirectory.Service.Autodiscover;

/// <summary>
/// GetUserSettings answers as Exchange 2010 SP1 and later write them (docs/outlook.md, "SOAP"): a ServerVersionInfo header
/// (clients such as the EWS Managed API's JavaScript port need it), one UserResponse per requested mailbox in the same
/// order, the settings asked for that exist as StringSetting or WebClientUrlCollectionSetting, SettingIsNotAvailable for
/// one with no value here, and InvalidSetting for a name Exchange 2010 does not serve.
/// </summary>
public static class SoapResponse
{
    private const string Addressing = "http://www.w3.org/2005/08/addressing";
    private const string Instance = "http://www.w3.org/2001/XMLSchema-instance";
    private const string Action = "http://schemas.microsoft.com/exchange/2010/Autodiscover/Autodiscover/GetUserSettingsResponse";

    private static readonly XmlWriterSettings WriterSettings = new() { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };

    /// <summary>The settings of Exchange 2010 SP1's UserSettingName that this directory can answer, by name.</summary>
    private static readonly Dictionary<string, Func<OutlookSettings, object?>> Known = new(StringComparer.Ordinal)
    {
        ["UserDisplayName"] = s => s.User.DisplayName,
        ["UserDN"] = s => s.User.LegacyDN,
        ["UserDeploymentId"] = s => s.User.DeploymentId.ToString(),
        ["InternalMailboxServer"] = s => s.MailboxServer,
        ["InternalRpcClientServer"] = s => s.Exch.Server,
        ["InternalMailboxServerDN"] = s => s.MailboxServerDN,
        ["MailboxDN"] = s => s.Exch.MdbDN,
        ["PublicFolderServer"] = s => s.Exch.PublicFolderServer,
        ["ActiveDirectoryServer"] = s => s.Exch.ActiveDirectoryServer,
        ["ExternalMailboxServer"] = s => s.Expr?.Server,
        ["ExternalMailboxServerRequiresSSL"] = s => s.Expr is { } e ? (e.Ssl ? "True" : "False") : null,
        ["ExternalMailboxServerAuthenticationMethods"] = s => s.Expr?.AuthPackage,
        ["InternalEwsUrl"] = s => s.Exch.Urls.Ews,
        ["ExternalEwsUrl"] = s => s.Expr?.Urls.Ews,
        ["InternalEcpUrl"] = s => s.Exch.Urls.Ecp,
        ["ExternalEcpUrl"] = s => s.Expr?.Urls.Ecp,
        ["InternalUMUrl"] = s => s.Exch.Urls.Um,
        ["ExternalUMUrl"] = s => s.Expr?.Urls.Um,
        ["InternalOABUrl"] = s => s.Exch.Urls.Oab,
        ["ExternalOABUrl"] = s => s.Expr?.Urls.Oab,
        ["InternalWebClientUrls"] = s => s.Web?.Internal is { } url ? new[] { url } : null,
        ["ExternalWebClientUrls"] = s => s.Web?.External is { } url ? new[] { url } : null,
        ["CasVersion"] = s => CasVersion(s.CasVersion),
        ["EwsSupportedSchemas"] = s => SupportedSchemas(s.CasVersion),
    };

    public static byte[] GetUserSettings(IReadOnlyList<(string Mailbox, AutodiscoverAnswer Answer)> answers, IReadOnlyList<string> requested)
    {
        var version = answers.Select(a => a.Answer).OfType<AutodiscoverAnswer.Settings>().FirstOrDefault()?.Value.CasVersion ?? "14.1.218.15";
        return Write(version, w =>
        {
            w.WriteStartElement("GetUserSettingsResponseMessage", SoapRequest.Namespace);
            w.WriteStartElement("Response", SoapRequest.Namespace);
            w.WriteAttributeString("xmlns", "i", null, Instance);
            w.WriteElementString("ErrorCode", SoapRequest.Namespace, "NoError");
            w.WriteStartElement("ErrorMessage", SoapRequest.Namespace);
            w.WriteEndElement();
            w.WriteStartElement("UserResponses", SoapRequest.Namespace);
            foreach (var (mailbox, answer) in answers)
                UserResponse(w, mailbox, answer, requested);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        });
    }

    private static void UserResponse(XmlWriter w, string mailbox, AutodiscoverAnswer answer, IReadOnlyList<string> requested)
    {
        var ns = SoapRequest.Namespace;
        w.WriteStartElement("UserResponse", ns);
        var (code, message, target) = answer switch
        {
            AutodiscoverAnswer.Settings => ("NoError", "No error.", (string?)null),
            AutodiscoverAnswer.Redirect redirect => ("RedirectAddress", "Redirection address.", redirect.PrimarySmtpAddress),
            AutodiscoverAnswer.Unavailable unavailable => ("InternalServerError", unavailable.Problem, null),
            _ => ("InvalidUser", $"Invalid user '{mailbox}'.", null),
        };
        w.WriteElementString("ErrorCode", ns, code);
        w.WriteElementString("ErrorMessage", ns, message);
        w.WriteStartElement("RedirectTarget", ns);
        if (target is null)
            w.WriteAttributeString("nil", Instance, "true");
        else
            w.WriteString(target);
        w.WriteEndElement();
        var settings = (answer as AutodiscoverAnswer.Settings)?.Value;
        var values = settings is null ? [] : requested.Select(n => (Name: n, Value: Known.TryGetValue(n, out var read) ? read(settings) : null, IsKnown: Known.ContainsKey(n))).ToList();
        w.WriteStartElement("UserSettingErrors", ns);
        foreach (var (name, _, isKnown) in values.Where(v => v.Value is null))
        {
            w.WriteStartElement("UserSettingError", ns);
            w.WriteElementString("ErrorCode", ns, isKnown ? "SettingIsNotAvailable" : "InvalidSetting");
            w.WriteElementString("ErrorMessage", ns, isKnown ? $"User setting '{name}' is not available. " : $"The requested setting '{name}' is not valid.");
            w.WriteElementString("SettingName", ns, name);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteStartElement("UserSettings", ns);
        foreach (var (name, value, _) in values.Where(v => v.Value is not null))
        {
            w.WriteStartElement("UserSetting", ns);
            if (value is WebUrl[] urls)
            {
                w.WriteAttributeString("type", Instance, "WebClientUrlCollectionSetting");
                w.WriteElementString("Name", ns, name);
                w.WriteStartElement("WebClientUrls", ns);
                foreach (var url in urls)
                {
                    w.WriteStartElement("WebClientUrl", ns);
                    if (url.AuthenticationMethods.Length > 0)
                        w.WriteElementString("AuthenticationMethods", ns, url.AuthenticationMethods);
                    w.WriteElementString("Url", ns, url.Url);
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            else
            {
                w.WriteAttributeString("type", Instance, "StringSetting");
                w.WriteElementString("Name", ns, name);
                w.WriteElementString("Value", ns, (string)value!);
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>A SOAP 1.1 fault for a request that is no GetUserSettings request (with HTTP 400).</summary>
    public static byte[] Fault(string reason)
    {
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, WriterSettings))
        {
            w.WriteStartElement("s", "Envelope", SoapRequest.SoapNamespace);
            w.WriteStartElement("s", "Body", SoapRequest.SoapNamespace);
            w.WriteStartElement("s", "Fault", SoapRequest.SoapNamespace);
            w.WriteElementString("faultcode", "s:Client");
            w.WriteElementString("faultstring", "The request is not a GetUserSettings request: " + reason);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return stream.ToArray();
    }

    /// <summary>CasVersion as Exchange writes it: 14.02.0247.005.</summary>
    private static string CasVersion(string version)
    {
        var parts = Parts(version);
        return $"{parts[0]}.{parts[1]:00}.{parts[2]:0000}.{parts[3]:000}";
    }

    private static string SupportedSchemas(string version) =>
        Parts(version)[1] switch
        {
            0 => "Exchange2007, Exchange2007_SP1, Exchange2010",
            1 => "Exchange2007, Exchange2007_SP1, Exchange2010, Exchange2010_SP1",
            _ => "Exchange2007, Exchange2007_SP1, Exchange2010, Exchange2010_SP1, Exchange2010_SP2",
        };

    private static int[] Parts(string version)
    {
        var parts = version.Split('.').Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToList();
        while (parts.Count < 4)
            parts.Add(0);
        return [.. parts];
    }

    private static byte[] Write(string version, Action<XmlWriter> body)
    {
        var parts = Parts(version);
        using var stream = new MemoryStream();
        using (var w = XmlWriter.Create(stream, WriterSettings))
        {
            w.WriteStartElement("s", "Envelope", SoapRequest.SoapNamespace);
            w.WriteAttributeString("xmlns", "a", null, Addressing);
            w.WriteStartElement("s", "Header", SoapRequest.SoapNamespace);
            w.WriteStartElement("a", "Action", Addressing);
            w.WriteAttributeString("s", "mustUnderstand", SoapRequest.SoapNamespace, "1");
            w.WriteString(Action);
            w.WriteEndElement();
            // SP3 reports the SP2 schema; the build numbers are the version's third and fourth parts.
            w.WriteStartElement("h", "ServerVersionInfo", SoapRequest.Namespace);
            w.WriteElementString("h", "MajorVersion", SoapRequest.Namespace, parts[0].ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("h", "MinorVersion", SoapRequest.Namespace, parts[1].ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("h", "MajorBuildNumber", SoapRequest.Namespace, parts[2].ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("h", "MinorBuildNumber", SoapRequest.Namespace, parts[3].ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("h", "Version", SoapRequest.Namespace, parts[1] switch { 0 => "Exchange2010", 1 => "Exchange2010_SP1", _ => "Exchange2010_SP2" });
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("s", "Body", SoapRequest.SoapNamespace);
            body(w);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        return stream.ToArray();
    }
}
