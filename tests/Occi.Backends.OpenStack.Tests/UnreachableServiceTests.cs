using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Occi.Backends.OpenStack.Identity;
using Occi.Server.Tests.Support;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>
/// The gateway over HTTP when a service it needs does not answer: Keystone refusing connections (a loopback proxy in
/// front of it, stopped, is the configured IdentityUrl) and Nova slower than Occi:OpenStack:TimeoutSeconds (a proxy
/// holding each request), each answered 503 with a message naming the service, and each recovered from.
/// </summary>
[Category(OpenStackDirect.Category)]
public sealed class UnreachableServiceTests
{
    private static CancellationToken None => CancellationToken.None;

    [Test]
    public async Task Keystone_unreachable_when_the_gateway_needs_a_new_token_is_503_naming_Keystone_and_it_recovers()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var keystone = new LoopbackProxy(OpenStackDirect.IdentityUrl);
        await using var server = await RunningServer.StartAsync(null, services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
            // Breakers that never open: what the test follows is Keystone's failure and return, on a clock that stands still.
            Settings(("Occi:OpenStack:IdentityUrl", keystone.Url), ("Occi:OpenStack:BreakerMinimumThroughput", "100000"),
                ("Occi:Resilience:BreakerMinimumThroughput", "100000")));
        using var cloud = await OpenStackDirect.AsAsync();
        var image = await cloud.TinyImageIdAsync();
        // The gateway's token near its end: its next call must ask Keystone for a new one, and Keystone is down.
        var token = await server.Services.GetRequiredService<OpenStackIdentity>().Service!.TokenAsync(None);
        clock.SetUtcNow(token.ExpiresAt - TimeSpan.FromSeconds(10));
        await keystone.StopAsync();

        using (var refused = await server.Client.SendAsync(Create(server, image)))
        {
            var body = await refused.Content.ReadAsStringAsync();
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body);
            Assert.That(body, Does.Contain("Keystone").And.Not.Contain("secret"));
        }
        Assert.That(await ListAsync(server), Is.Empty, "a refused create leaves no compute");

        keystone.Start();
        string? location = null;
        var recovered = await OpenStackDirect.EventuallyAsync(async () =>
        {
            using var created = await server.Client.SendAsync(Create(server, image));
            location = created.Headers.Location?.AbsolutePath;
            return location is not null;
        }, TimeSpan.FromSeconds(60));
        if (location is not null) await RemoveAsync(server, cloud, location);
        Assert.That(recovered, Is.True, "creates succeed again once Keystone answers");
    }

    [Test]
    public async Task Nova_slower_than_the_timeout_is_503_when_the_timeout_passes_while_other_requests_are_answered()
    {
        _ = OpenStackDirect.IdentityUrl;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var nova = new LoopbackProxy(OpenStackDirect.Nova);
        await using var server = await RunningServer.StartAsync(null, services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
            Settings(("Occi:OpenStack:EndpointOverrides:compute", nova.Url), ("Occi:OpenStack:TimeoutSeconds", "5")));
        using var cloud = await OpenStackDirect.AsAsync();
        using var created = await server.Client.SendAsync(Create(server, await cloud.TinyImageIdAsync()));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var location = created.Headers.Location!.AbsolutePath;
        try
        {
            nova.Delay = TimeSpan.FromMinutes(5);
            nova.ResetCount();
            var slow = server.Client.SendAsync(Live(server, location));
            Assert.That(await OpenStackDirect.EventuallyAsync(() => Task.FromResult(nova.Requests > 0 || slow.IsCompleted), TimeSpan.FromSeconds(30)), Is.True, "the GET reached Nova");
            if (slow.IsCompleted) Assert.Fail($"answered before Nova was asked: {(int)slow.Result.StatusCode} {await slow.Result.Content.ReadAsStringAsync()}");

            // Nova holds the GET; the gateway answers others meanwhile, and the held one waits on a timer, not a thread.
            Assert.That(await ListAsync(server), Does.Contain(server.Root + location));
            Assert.That(slow.IsCompleted, Is.False, "no answer before the gateway's timeout");
            clock.Advance(TimeSpan.FromSeconds(6));
            using var timedOut = await slow;
            var body = await timedOut.Content.ReadAsStringAsync();
            Assert.That(timedOut.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable).Or.EqualTo(HttpStatusCode.GatewayTimeout), body);
            Assert.That(body, Does.Contain("Nova").And.Contain("in time"));

            nova.Delay = TimeSpan.Zero;
            using var again = await server.Client.SendAsync(Live(server, location));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "Nova answering in time again");
        }
        finally
        {
            nova.Delay = TimeSpan.Zero;
            await RemoveAsync(server, cloud, location);
        }
    }

    private static (string Key, string Value)[] Settings(params (string Key, string Value)[] extra) =>
    [
        ("Occi:Backend", "OpenStack"),
        ("Occi:OpenStack:IdentityUrl", OpenStackDirect.IdentityUrl),
        ("Occi:OpenStack:Username", "demo"),
        ("Occi:OpenStack:Password", "secret"),
        ("Occi:OpenStack:ProjectName", "demo"),
        ("Occi:OpenStack:RetryCount", "0"),
        ("Occi:OpenStack:StalenessSeconds", "600"),
        .. extra,
    ];

    private static HttpRequestMessage Create(RunningServer server, string image)
    {
        var request = server.Request(HttpMethod.Post, "/compute/");
        request.Content = RunningServer.TextPlain(OcciText.ComputeCategory
            + $"\nCategory: {image}; scheme=\"http://schemas.openstack.org/template/os#\"; class=\"mixin\""
            + $"\nCategory: {OpenStackDirect.TinyFlavorId}; scheme=\"http://schemas.openstack.org/template/resource#\"; class=\"mixin\"");
        return request;
    }

    private static HttpRequestMessage Live(RunningServer server, string location)
    {
        var request = server.Request(HttpMethod.Get, location);
        request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        return request;
    }

    private static async Task<string[]> ListAsync(RunningServer server)
    {
        using var response = await server.Client.SendAsync(server.Request(HttpMethod.Get, "/compute/"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return OcciText.Locations(await response.Content.ReadAsStringAsync()).ToArray();
    }

    /// <summary>Deletes the compute through the gateway, and its server directly whatever that answered.</summary>
    private static async Task RemoveAsync(RunningServer server, OpenStackDirect cloud, string location)
    {
        using (await server.Client.SendAsync(server.Request(HttpMethod.Delete, location)))
        {
        }
        var id = location.TrimEnd('/').Split('/')[^1];
        await cloud.RemoveAsync(await cloud.ServerIdOfAsync(id), id);
    }
}
