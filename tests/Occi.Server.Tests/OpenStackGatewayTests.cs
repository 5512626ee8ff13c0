using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Occi:Backend = OpenStack over HTTP against the real OpenStack of ../shared/openstack: as the demo user with a real
/// Keystone token (Occi:Auth:Schemes = Keystone, the OpenStack's own Keystone; the configured account is admin, so
/// where the server lands shows whose token Nova got), and with authentication off as the configured demo account.
/// Then Nova and Glance are asked directly that nothing the gateway made is left.
/// </summary>
[Category(OpenStackDirect.Category)]
[TestFixture("Keystone")]
[TestFixture("None")]
public sealed class OpenStackGatewayTests(string auth)
{
    private const string PublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKTr5uTyS7F0HVf9+ng6E3WgvYI1CD1wklb9PbWf9R29 occi-test";

    private OpenStackGateway _gateway = null!;
    private OpenStackDirect _cloud = null!;
    private string _projectId = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        var identity = OpenStackDirect.IdentityUrl;
        (var token, _projectId) = await OpenStackDirect.TokenAsync("demo");
        _cloud = new OpenStackDirect(token);
        _gateway = auth == "Keystone"
            ? await OpenStackGateway.StartAsync("admin", token, ("Occi:Auth:Schemes", "Keystone"), ("Occi:Auth:Keystone:Url", identity),
                ("Occi:Auth:Keystone:ServiceUser", "admin"), ("Occi:Auth:Keystone:ServicePassword", "secret"), ("Occi:Auth:Keystone:ServiceProject", "admin"))
            : await OpenStackGateway.StartAsync("demo", null);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_gateway is not null) await _gateway.DisposeAsync();
        _cloud?.Dispose();
    }

    [Test]
    public async Task The_query_interface_offers_the_tiny_image_as_os_tpl_and_m1_tiny_as_resource_tpl()
    {
        var (status, body, _) = await _gateway.SendAsync(_gateway.Request(HttpMethod.Get, "/-/"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        var image = await _cloud.TinyImageIdAsync();
        Assert.That(body, Does.Contain($"Category: {image}; scheme=\"{OpenStackGateway.OsScheme}\"; class=\"mixin\"; title=\"tiny\""));
        Assert.That(body, Does.Contain($"Category: 1; scheme=\"{OpenStackGateway.ResourceScheme}\"; class=\"mixin\"; title=\"m1.tiny"));
    }

    [Test]
    public async Task A_compute_with_ssh_key_and_user_data_goes_through_its_life_and_leaves_nothing_in_the_cloud()
    {
        var image = await _cloud.TinyImageIdAsync();
        var userData = Convert.ToBase64String("#!/bin/sh\necho hello\n"u8);
        var (status, body, location) = await _gateway.CreateAsync(image,
            [.. OpenStackGateway.Contextualization(PublicKey, userData), "X-OCCI-Attribute: occi.core.title=\"occi-gateway-test\""]);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), body);
        var entityId = location!.TrimEnd('/').Split('/')[^1];
        var snapshot = "occi-gateway-test-save-" + entityId;
        string? serverId = null;
        try
        {
            var (_, first, _) = await _gateway.SendAsync(_gateway.Request(HttpMethod.Get, location));
            Assert.That(OcciText.Attribute(first, "occi.compute.state"), Is.EqualTo("inactive").Or.EqualTo("active"), first);

            Assert.That(await _gateway.StateReachedAsync(location, "active"), Is.True, "active within the deadline");
            serverId = await _cloud.ServerIdOfAsync(entityId);
            var server = await _cloud.ServerAsync(serverId!);
            Assert.That(server!["tenant_id"]!.GetValue<string>(), Is.EqualTo(_projectId), "made in the demo project");
            Assert.That(server["key_name"]!.GetValue<string>(), Is.EqualTo("occi-" + entityId));
            Assert.That(server["metadata"]!["occi_id"]!.GetValue<string>(), Is.EqualTo(entityId), "tagged for reconciliation");

            var (_, list, _) = await _gateway.SendAsync(_gateway.Request(HttpMethod.Get, "/compute/"));
            Assert.That(OcciText.Locations(list).Select(l => new Uri(l).AbsolutePath), Does.Contain(location));
            var (_, described, _) = await _gateway.SendAsync(_gateway.Request(HttpMethod.Get, location));
            Assert.That(OcciText.Attribute(described, "occi.compute.cores"), Is.EqualTo("1"));
            Assert.That(OcciText.Attribute(described, "occi.compute.hostname"), Is.Not.Null);

            await _gateway.ActAsync(location, "stop");
            Assert.That(await _gateway.StateReachedAsync(location, "inactive"), Is.True, "stopped");
            await _gateway.ActAsync(location, "start");
            Assert.That(await _gateway.StateReachedAsync(location, "active"), Is.True, "started");
            await _gateway.ActAsync(location, "restart", "method=\"warm\"");
            Assert.That(await _gateway.StateReachedAsync(location, "active"), Is.True, "restarted");
            await _gateway.ActAsync(location, "save", $"name=\"{snapshot}\"");
            Assert.That(await OpenStackDirect.EventuallyAsync(async () => (await _cloud.ImagesNamedAsync(snapshot)).Count == 1, OpenStackGateway.Deadline), Is.True, "saved in Glance");

            Assert.That(await _gateway.DeleteAsync(location), Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.NoContent));
            var (gone, _, _) = await _gateway.SendAsync(_gateway.Request(HttpMethod.Get, location));
            Assert.That(gone, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await OpenStackDirect.EventuallyAsync(async () => await _cloud.ServerAsync(serverId!) is null, OpenStackGateway.Deadline), Is.True, "no server left");
            Assert.That(await _cloud.KeypairExistsAsync("occi-" + entityId), Is.False, "no keypair left");
        }
        finally
        {
            await _cloud.RemoveAsync(serverId, entityId, snapshot);
        }
        Assert.That(await _cloud.ImagesNamedAsync(snapshot), Is.Empty, "no snapshot left");
    }
}
