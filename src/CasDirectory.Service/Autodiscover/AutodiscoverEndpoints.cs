using CasDirectory.Core.ClientView;
using CasDirectory.Service.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CasDirectory.Service.Autodiscover;

/// <summary>
/// Autodiscover over HTTPS, as an Exchange 2010 Client Access server answers it (docs/outlook.md): POX for Outlook at
/// /autodiscover/autodiscover.xml and SOAP GetUserSettings for EWS clients at /autodiscover/autodiscover.svc, each
/// after Basic authentication, each answering only the authenticated user's own mailbox. Off unless Autodiscover:Url is set.
/// </summary>
public sealed class AutodiscoverEndpoints(
    IOptions<AutodiscoverOptions> options, AutodiscoverCertificate certificate, BasicAuthentication authentication,
    AutodiscoverAnswers answers, ILogger<AutodiscoverEndpoints> logger) : IListener
{
    public string Name => "the Autodiscover listener";

    public string Setting => $"{AutodiscoverOptions.Section}:{nameof(AutodiscoverOptions.Url)}";

    public ListenAddress? Address => options.Value.IsOn && ListenAddress.TryParse(options.Value.Url, out var address) ? address : null;

    public static bool IsOn(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetSection(AutodiscoverOptions.Section)[nameof(AutodiscoverOptions.Url)]);

    public void Configure(ListenOptions listen)
    {
        listen.Protocols = HttpProtocols.Http1AndHttp2;
        listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificate.Load(),
            SslProtocols = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13,
        });
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/autodiscover/autodiscover.xml", (Delegate)((HttpContext c) => Guarded(c, Pox)));
        routes.MapPost("/autodiscover/autodiscover.svc", (Delegate)((HttpContext c) => Guarded(c, Soap)));
        routes.MapGet("/autodiscover/autodiscover.xml", (Delegate)((HttpContext c) => Guarded(c, GetPox)));
        // A static page for load balancers' probes (and the benchmark's baseline): no authentication, no directory read.
        routes.MapGet("/autodiscover/healthcheck.htm", () => Results.Text("200 OK\n", "text/html"));
        routes.MapFallback("{*path}", () => Results.Text("not found: POST /autodiscover/autodiscover.xml (POX) or /autodiscover/autodiscover.svc (SOAP)\n", "text/plain", statusCode: 404));
    }

    public void Announce() =>
        logger.LogInformation("Autodiscover at {Url} (POX autodiscover.xml, SOAP autodiscover.svc; certificate {Subject}, valid until {NotAfter:yyyy-MM-dd})",
            options.Value.Url, certificate.Load().Subject, certificate.Load().NotAfter);

    /// <summary>
    /// The directory away or refusing is 503 with a plain reason (a client retries later); nothing else it says about
    /// itself reaches the client. A client that went away is no error of ours.
    /// </summary>
    private async Task<IResult> Guarded(HttpContext context, Func<HttpContext, Task<IResult>> handle)
    {
        try
        {
            return await handle(context);
        }
        catch (Exception e) when (e is Ldap.Errors.DirectoryException or System.DirectoryServices.Protocols.LdapException or System.DirectoryServices.Protocols.DirectoryOperationException)
        {
            logger.LogWarning("Autodiscover could not read the directory: {Error}", e.Message);
            context.Response.Headers.RetryAfter = "5";
            return Results.Text("503 Service Unavailable: the directory cannot be read now; try again.\n", "text/plain", statusCode: 503);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e)
        {
            // A body that came too slowly or broken: the client's fault, answered with Kestrel's status, no stack trace.
            logger.LogInformation("Autodiscover request refused ({Status}): {Error}", e.StatusCode, e.Message);
            return Results.Text(e.Message + "\n", "text/plain", statusCode: e.StatusCode);
        }
    }

    /// <summary>The body, or null when it is larger than MaxRequestBytes (then 413 has been set).</summary>
    private async Task<MemoryStream?> Body(HttpContext context)
    {
        var limit = options.Value.MaxRequestBytes;
        if (context.Request.ContentLength > limit)
            return null;
        var body = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            if (body.Length + read > limit)
                return null;
            body.Write(buffer, 0, read);
        }
        body.Position = 0;
        return body;
    }

    private static IResult Xml(byte[] body) => Results.Bytes(body, "text/xml; charset=utf-8");

    private static IResult TooLarge(int limit) => Results.Text($"The request is larger than {limit} bytes.\n", "text/plain", statusCode: 413);

    private static IResult Unauthorized(HttpContext context)
    {
        BasicAuthentication.Challenge(context);
        return Results.Text("401 Unauthorized\n", "text/plain", statusCode: 401);
    }

    private async Task<IResult> GetPox(HttpContext context)
    {
        if (await authentication.Authenticate(context, context.RequestAborted) is null)
            return Unauthorized(context);
        return Xml(PoxResponse.Error(600, "Invalid Request"));
    }

    /// <summary>
    /// What POX and SOAP do first: authentication (nothing about the directory is said to a client that has not logged
    /// on), then the body within its limit. The user's DN and the body, or the answer that ends the request.
    /// </summary>
    private async Task<(string? User, MemoryStream? Body, IResult? Refusal)> Admit(HttpContext context)
    {
        var user = await authentication.Authenticate(context, context.RequestAborted);
        if (user is null)
            return (null, null, Unauthorized(context));
        var body = await Body(context);
        return body is null ? (null, null, TooLarge(options.Value.MaxRequestBytes)) : (user, body, null);
    }

    private async Task<IResult> Pox(HttpContext context)
    {
        var cancellation = context.RequestAborted;
        var (user, body, refusal) = await Admit(context);
        if (refusal is not null)
            return refusal;
        using var _ = body;
        var request = PoxRequest.Parse(body!, options.Value.MaxRequestBytes, out var problem);
        if (request is null)
        {
            logger.LogInformation("Autodiscover request refused (600): {Problem}", problem);
            return Xml(PoxResponse.Error(600, "Invalid Request"));
        }
        if (!string.Equals(request.AcceptableResponseSchema, PoxRequest.OutlookResponseSchema, StringComparison.Ordinal))
            return Xml(PoxResponse.Error(601, "Provider is not available"));
        return await answers.For(request.Identity, user!, recordProfile: true, cancellation) switch
        {
            AutodiscoverAnswer.Settings found => Xml(PoxResponse.Settings(found.Value)),
            AutodiscoverAnswer.Redirect redirect => Xml(PoxResponse.RedirectAddress(redirect.PrimarySmtpAddress)),
            AutodiscoverAnswer.Forbidden => Forbidden(),
            AutodiscoverAnswer.Unavailable unavailable => Xml(PoxResponse.Error(603, "The Autodiscover server can't answer for this mailbox: " + unavailable.Problem)),
            _ => Xml(PoxResponse.Error(500, "The e-mail address cannot be found.")),
        };
    }

    internal static IResult Forbidden() => Results.Text("403 Forbidden: Autodiscover answers only for your own mailbox.\n", "text/plain", statusCode: 403);

    private async Task<IResult> Soap(HttpContext context)
    {
        var cancellation = context.RequestAborted;
        var (user, body, refusal) = await Admit(context);
        if (refusal is not null)
            return refusal;
        using var _ = body;
        var request = SoapRequest.Parse(body!, options.Value.MaxRequestBytes, out var problem);
        if (request is null)
        {
            logger.LogInformation("Autodiscover SOAP request refused: {Problem}", problem);
            return Results.Content(System.Text.Encoding.UTF8.GetString(SoapResponse.Fault(problem!)), "text/xml; charset=utf-8", System.Text.Encoding.UTF8, 400);
        }
        var results = new List<(string Mailbox, AutodiscoverAnswer Answer)>();
        foreach (var mailbox in request.Mailboxes)
            results.Add((mailbox, await answers.For(mailbox, user!, recordProfile: false, cancellation)));
        if (results.Any(r => r.Answer is AutodiscoverAnswer.Forbidden))
            return Forbidden();
        return Results.Bytes(SoapResponse.GetUserSettings(results, request.Settings), "text/xml; charset=utf-8");
    }
}
