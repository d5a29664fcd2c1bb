using CasDirectory.Service.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Service;

/// <summary>How a listener's setting becomes a Kestrel address, and how routes stay with the listener that mapped them (no directory needed).</summary>
[TestFixture]
public sealed class HttpListenerSetupTests
{
    [TestCase("http://127.0.0.1:3899/", "127.0.0.1", 3899, "", true, false)]
    [TestCase("http://localhost:3899/", "localhost", 3899, "", true, false)]
    [TestCase("http://[::1]:3899/", "[::1]", 3899, "", true, false)]
    [TestCase("http://+:3899/", "+", 3899, "", false, true)]
    [TestCase("http://*:3899/", "*", 3899, "", false, true)]
    [TestCase("http://127.0.0.1/", "127.0.0.1", 80, "", true, false)]
    [TestCase("https://192.0.2.1/", "192.0.2.1", 443, "", false, false)]
    [TestCase("http://127.0.0.1:3899/status/", "127.0.0.1", 3899, "/status", true, false)]
    public void A_prefix_in_HttpListeners_form_gives_the_address_Kestrel_listens_on(string prefix, string host, int port, string pathBase, bool loopback, bool everyInterface)
    {
        Assert.That(ListenAddress.TryParse(prefix, out var address), Is.True);
        Assert.That((address!.Host, address.Port, address.PathBase, address.IsLoopback, address.IsEveryInterface), Is.EqualTo((host, port, pathBase, loopback, everyInterface)));
    }

    [TestCase("")]
    [TestCase("127.0.0.1:3899")]
    [TestCase("ftp://127.0.0.1:3899/")]
    [TestCase("http://127.0.0.1:3899")]
    [TestCase("http://127.0.0.1:3899/status")]
    [TestCase("http://+:99999/")]
    [TestCase("http://127.0.0.1:port/")]
    [TestCase("http://::1:3899/")]
    [TestCase("http://[127.0.0.1]:3899/")]
    [TestCase("http://dc.lab.local:3899/")]
    public void A_prefix_Kestrel_cannot_listen_on_is_refused(string prefix) =>
        Assert.That(ListenAddress.TryParse(prefix, out _), Is.False);

    [Test]
    public async Task A_route_answers_only_on_connections_of_the_listener_that_mapped_it()
    {
        Endpoint Route(string listener) => new(_ => Task.CompletedTask, new EndpointMetadataCollection(new ListenerTag(listener)), listener);
        Endpoint[] endpoints = [Route("the status endpoint"), Route("another listener"), new(_ => Task.CompletedTask, EndpointMetadataCollection.Empty, "untagged")];
        var policy = new ListenerMatcherPolicy();
        Assert.That(policy.AppliesToEndpoints(endpoints), Is.True);

        async Task<string[]> ValidOn(string? listener)
        {
            var context = new DefaultHttpContext();
            if (listener is not null)
                context.Features.Set(new ListenerTag(listener));
            var candidates = new CandidateSet(endpoints, [.. endpoints.Select(_ => new RouteValueDictionary())], [.. endpoints.Select(_ => 0)]);
            await policy.ApplyAsync(context, candidates);
            return [.. Enumerable.Range(0, candidates.Count).Where(candidates.IsValidCandidate).Select(i => candidates[i].Endpoint.DisplayName!)];
        }

        Assert.That(await ValidOn("the status endpoint"), Is.EqualTo(new[] { "the status endpoint", "untagged" }));
        Assert.That(await ValidOn("another listener"), Is.EqualTo(new[] { "another listener", "untagged" }));
        Assert.That(await ValidOn(null), Is.EqualTo(new[] { "untagged" }), "a connection no listener tagged gets no listener's routes");
    }
}
