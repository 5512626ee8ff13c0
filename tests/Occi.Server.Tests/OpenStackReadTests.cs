using System.Net;
using System.Text.Json.Nodes;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Reads do not wait for the cloud (issue 15): a GET of a compute is answered from what the gateway knows while it is
/// within Occi:OpenStack:StalenessSeconds, Cache-Control: no-cache asks Nova, and the change follower brings a change
/// made outside the gateway. Nova is reached through a loopback proxy that counts what the gateway sends it.
/// </summary>
[Category(OpenStackDirect.Category)]
public sealed class OpenStackReadTests
{
    private LoopbackProxy _nova = null!;
    private OpenStackDirect _cloud = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _ = OpenStackDirect.IdentityUrl; // skips the fixture without an OpenStack
        _nova = new LoopbackProxy(OpenStackDirect.Nova);
        _cloud = await OpenStackDirect.AsAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_nova is not null) await _nova.DisposeAsync();
        _cloud?.Dispose();
    }

    [Test]
    public async Task GETs_of_a_compute_are_answered_without_asking_Nova_and_no_cache_asks_it_once()
    {
        await using var gateway = await OpenStackGateway.StartAsync("demo", null,
            ("Occi:OpenStack:EndpointOverrides:compute", _nova.Url), ("Occi:OpenStack:StalenessSeconds", "600"));
        var (status, body, location) = await gateway.CreateAsync(await _cloud.TinyImageIdAsync());
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), body);
        var entityId = location!.TrimEnd('/').Split('/')[^1];
        try
        {
            Assert.That(await gateway.StateReachedAsync(location, "active"), Is.True);
            _nova.ResetCount();
            for (var i = 0; i < 20; i++)
            {
                var (ok, read, _) = await gateway.SendAsync(gateway.Request(HttpMethod.Get, location));
                Assert.That(ok, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(OcciText.Attribute(read, "occi.compute.state"), Is.EqualTo("active"));
            }
            Assert.That(_nova.Requests, Is.Zero, "20 GETs answered from what the gateway knows");
            var (live, _, _) = await gateway.SendAsync(gateway.Request(HttpMethod.Get, location, live: true));
            Assert.That(live, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(_nova.Requests, Is.EqualTo(1), "Cache-Control: no-cache asks Nova");
            Assert.That(await gateway.DeleteAsync(location), Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.NoContent));
        }
        finally
        {
            await _cloud.RemoveAsync(await _cloud.ServerIdOfAsync(entityId), entityId);
        }
    }

    [Test]
    public async Task A_server_stopped_outside_the_gateway_shows_inactive_on_plain_GETs_within_the_staleness_bound()
    {
        await using var gateway = await OpenStackGateway.StartAsync("demo", null, ("Occi:OpenStack:StalenessSeconds", "2"));
        var (status, body, location) = await gateway.CreateAsync(await _cloud.TinyImageIdAsync());
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), body);
        var entityId = location!.TrimEnd('/').Split('/')[^1];
        string? serverId = null;
        try
        {
            Assert.That(await gateway.StateReachedAsync(location, "active", live: false), Is.True, "the follower brings BUILD → ACTIVE");
            serverId = await _cloud.ServerIdOfAsync(entityId);
            await _cloud.SendAsync(HttpMethod.Post, OpenStackDirect.Nova + $"servers/{serverId}/action", new JsonObject { ["os-stop"] = null });
            Assert.That(await gateway.StateReachedAsync(location, "inactive", live: false), Is.True, "the follower brings the stop");
            Assert.That(await gateway.DeleteAsync(location), Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.NoContent));
        }
        finally
        {
            await _cloud.RemoveAsync(serverId ?? await _cloud.ServerIdOfAsync(entityId), entityId);
        }
    }
}
