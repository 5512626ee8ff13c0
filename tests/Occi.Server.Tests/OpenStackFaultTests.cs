using System.Net;
using System.Text.Json.Nodes;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// The OpenStack backend when the cloud fails: Nova stopped (a loopback proxy in front of it refuses connections) opens
/// the Nova circuit, answered 503 with Retry-After, and the gateway recovers when Nova is back; Nova's quota exceeded is
/// a 409 with Nova's message.
/// </summary>
[Category(OpenStackDirect.Category)]
public sealed class OpenStackFaultTests
{
    private OpenStackDirect _cloud = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _ = OpenStackDirect.IdentityUrl;
        _cloud = await OpenStackDirect.AsAsync();
    }

    [OneTimeTearDown]
    public void Stop() => _cloud?.Dispose();

    [Test]
    public async Task Nova_stopped_is_503_with_Retry_After_once_the_circuit_opens_and_the_gateway_recovers_when_it_returns()
    {
        await using var nova = new LoopbackProxy(OpenStackDirect.Nova);
        await using var gateway = await OpenStackGateway.StartAsync("demo", null,
            ("Occi:OpenStack:EndpointOverrides:compute", nova.Url), ("Occi:OpenStack:RetryCount", "0"),
            ("Occi:OpenStack:BreakerMinimumThroughput", "2"), ("Occi:OpenStack:BreakerBreakSeconds", "2"), ("Occi:OpenStack:StalenessSeconds", "600"));
        var image = await _cloud.TinyImageIdAsync();
        await nova.StopAsync();
        string? retryAfter = null;
        for (var i = 0; i < 6 && retryAfter is null; i++)
        {
            var (status, body, response) = await gateway.SendAsync(gateway.CreateRequest(image));
            Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body);
            Assert.That(body, Does.Contain("Nova"));
            retryAfter = response.Headers.RetryAfter?.ToString();
        }
        Assert.That(retryAfter, Is.Not.Null, "the open circuit says when to come back");

        nova.Start();
        string? location = null;
        Assert.That(await OpenStackDirect.EventuallyAsync(async () =>
        {
            var (status, _, created) = await gateway.CreateAsync(image);
            location = created;
            return status == HttpStatusCode.Created;
        }, TimeSpan.FromSeconds(60)), Is.True, "creates succeed again once Nova is back and the circuit closes");
        var entityId = location!.TrimEnd('/').Split('/')[^1];
        try
        {
            Assert.That(await gateway.DeleteAsync(location), Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.NoContent));
        }
        finally
        {
            await _cloud.RemoveAsync(await _cloud.ServerIdOfAsync(entityId), entityId);
        }
    }

    [Test]
    public async Task A_create_beyond_the_project_s_Nova_quota_is_409_with_Nova_s_message_and_leaves_nothing()
    {
        using var admin = await OpenStackDirect.AsAsync("admin");
        var project = "occi-quota-" + Guid.NewGuid().ToString("N")[..8];
        var projectId = (await admin.SendAsync(HttpMethod.Post, OpenStackDirect.IdentityUrl + "/projects",
            new JsonObject { ["project"] = new JsonObject { ["name"] = project, ["domain_id"] = "default" } }))!["project"]!["id"]!.GetValue<string>();
        try
        {
            var demo = (await admin.GetAsync(OpenStackDirect.IdentityUrl + "/users?name=demo"))!["users"]![0]!["id"]!.GetValue<string>();
            var member = (await admin.GetAsync(OpenStackDirect.IdentityUrl + "/roles?name=member"))!["roles"]![0]!["id"]!.GetValue<string>();
            await admin.SendAsync(HttpMethod.Put, OpenStackDirect.IdentityUrl + $"/projects/{projectId}/users/{demo}/roles/{member}");
            await admin.SendAsync(HttpMethod.Put, OpenStackDirect.Nova + "os-quota-sets/" + projectId,
                new JsonObject { ["quota_set"] = new JsonObject { ["instances"] = 0 } });

            await using var gateway = await OpenStackGateway.StartAsync("demo", null, ("Occi:OpenStack:ProjectName", project));
            var (status, body, _) = await gateway.CreateAsync(await _cloud.TinyImageIdAsync());
            Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict), body);
            Assert.That(body, Does.Contain("Nova").And.Contain("uota"));
            var (_, list, _) = await gateway.SendAsync(gateway.Request(HttpMethod.Get, "/compute/"));
            Assert.That(OcciText.Locations(list), Is.Empty, "a refused create leaves no compute");
        }
        finally
        {
            await admin.DeleteAsync(OpenStackDirect.Nova + "os-quota-sets/" + projectId);
            await admin.DeleteAsync(OpenStackDirect.IdentityUrl + "/projects/" + projectId);
        }
    }
}
