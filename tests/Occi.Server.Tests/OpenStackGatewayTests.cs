using System.Net;
using System.Text;
using Occi.Infrastructure;
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
    private const string OsScheme = "http://schemas.openstack.org/template/os#";
    private const string ResourceScheme = "http://schemas.openstack.org/template/resource#";
    private const string PublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKTr5uTyS7F0HVf9+ng6E3WgvYI1CD1wklb9PbWf9R29 occi-test";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private RunningServer _server = null!;
    private OpenStackDirect _cloud = null!;
    private string? _token;
    private string _projectId = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        var identity = OpenStackDirect.IdentityUrl;
        (_token, _projectId) = await OpenStackDirect.TokenAsync("demo");
        _cloud = new OpenStackDirect(_token);
        var account = auth == "Keystone" ? "admin" : "demo";
        List<(string, string)> settings =
        [
            ("Occi:Backend", "OpenStack"),
            ("Occi:OpenStack:IdentityUrl", identity),
            ("Occi:OpenStack:Username", account),
            ("Occi:OpenStack:Password", "secret"),
            ("Occi:OpenStack:ProjectName", account),
        ];
        if (auth == "Keystone")
            settings.AddRange([("Occi:Auth:Schemes", "Keystone"), ("Occi:Auth:Keystone:Url", identity), ("Occi:Auth:Keystone:ServiceUser", "admin"),
                ("Occi:Auth:Keystone:ServicePassword", "secret"), ("Occi:Auth:Keystone:ServiceProject", "admin")]);
        else _token = null;
        _server = await RunningServer.StartAsync(null, settings.ToArray());
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_server is not null) await _server.DisposeAsync();
        _cloud?.Dispose();
    }

    private HttpRequestMessage Request(HttpMethod method, string path, bool live = false)
    {
        var request = _server.Request(method, path);
        if (_token is not null) request.Headers.Add("X-Auth-Token", _token);
        if (live) request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        return request;
    }

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> SendAsync(HttpRequestMessage request)
    {
        var response = await _server.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Test]
    public async Task The_query_interface_offers_the_tiny_image_as_os_tpl_and_m1_tiny_as_resource_tpl()
    {
        var (status, body, _) = await SendAsync(Request(HttpMethod.Get, "/-/"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        var image = await _cloud.TinyImageIdAsync();
        Assert.That(body, Does.Contain($"Category: {image}; scheme=\"{OsScheme}\"; class=\"mixin\"; title=\"tiny\""));
        Assert.That(body, Does.Contain($"Category: 1; scheme=\"{ResourceScheme}\"; class=\"mixin\"; title=\"m1.tiny"));
    }

    [Test]
    public async Task A_compute_with_ssh_key_and_user_data_goes_through_its_life_and_leaves_nothing_in_the_cloud()
    {
        var image = await _cloud.TinyImageIdAsync();
        var userData = Convert.ToBase64String("#!/bin/sh\necho hello\n"u8);
        var create = Request(HttpMethod.Post, "/compute/");
        create.Content = RunningServer.TextPlain(string.Join("\n",
            OcciText.ComputeCategory,
            $"Category: {image}; scheme=\"{OsScheme}\"; class=\"mixin\"",
            $"Category: 1; scheme=\"{ResourceScheme}\"; class=\"mixin\"",
            $"Category: ssh_key; scheme=\"{InfrastructureSchemes.Credentials}\"; class=\"mixin\"",
            $"Category: user_data; scheme=\"{InfrastructureSchemes.Compute}\"; class=\"mixin\"",
            $"X-OCCI-Attribute: occi.credentials.ssh.publickey=\"{PublicKey}\"",
            $"X-OCCI-Attribute: occi.compute.userdata=\"{userData}\"",
            "X-OCCI-Attribute: occi.core.title=\"occi-gateway-test\""));
        var (status, body, created) = await SendAsync(create);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), body);
        var location = created.Headers.Location!.AbsolutePath;
        var entityId = location.TrimEnd('/').Split('/')[^1];
        var snapshot = "occi-gateway-test-save-" + entityId;
        string? serverId = null;
        try
        {
            var (_, first, _) = await SendAsync(Request(HttpMethod.Get, location));
            Assert.That(OcciText.Attribute(first, "occi.compute.state"), Is.EqualTo("inactive").Or.EqualTo("active"), first);

            Assert.That(await StateReachedAsync(location, "active"), Is.True, "active within the deadline");
            serverId = await ServerIdAsync(entityId);
            var server = await _cloud.ServerAsync(serverId!);
            Assert.That(server!["tenant_id"]!.GetValue<string>(), Is.EqualTo(_projectId), "made in the demo project");
            Assert.That(server["key_name"]!.GetValue<string>(), Is.EqualTo("occi-" + entityId));
            Assert.That(server["metadata"]!["occi_id"]!.GetValue<string>(), Is.EqualTo(entityId), "tagged for reconciliation");

            var (_, list, _) = await SendAsync(Request(HttpMethod.Get, "/compute/"));
            Assert.That(OcciText.Locations(list).Select(l => new Uri(l).AbsolutePath), Does.Contain(location));
            var (_, described, _) = await SendAsync(Request(HttpMethod.Get, location));
            Assert.That(OcciText.Attribute(described, "occi.compute.cores"), Is.EqualTo("1"));
            Assert.That(OcciText.Attribute(described, "occi.compute.hostname"), Is.Not.Null);

            await ActAsync(location, "stop");
            Assert.That(await StateReachedAsync(location, "inactive"), Is.True, "stopped");
            await ActAsync(location, "start");
            Assert.That(await StateReachedAsync(location, "active"), Is.True, "started");
            await ActAsync(location, "restart", "method=\"warm\"");
            Assert.That(await StateReachedAsync(location, "active"), Is.True, "restarted");
            await ActAsync(location, "save", $"name=\"{snapshot}\"");
            Assert.That(await OpenStackDirect.EventuallyAsync(async () => (await _cloud.ImagesNamedAsync(snapshot)).Count == 1, Deadline), Is.True, "saved in Glance");

            var (deleted, deleteBody, _) = await SendAsync(Request(HttpMethod.Delete, location));
            Assert.That(deleted, Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.NoContent), deleteBody);
            var (gone, _, _) = await SendAsync(Request(HttpMethod.Get, location));
            Assert.That(gone, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await OpenStackDirect.EventuallyAsync(async () => await _cloud.ServerAsync(serverId!) is null, Deadline), Is.True, "no server left");
            Assert.That(await _cloud.KeypairExistsAsync("occi-" + entityId), Is.False, "no keypair left");
        }
        finally
        {
            if (serverId is not null) await _cloud.DeleteAsync(OpenStackDirect.Nova + "servers/" + serverId);
            await _cloud.DeleteAsync(OpenStackDirect.Nova + "os-keypairs/occi-" + entityId);
            foreach (var id in await _cloud.ImagesNamedAsync(snapshot)) await _cloud.DeleteAsync(OpenStackDirect.Glance + "images/" + id);
        }
        Assert.That(await _cloud.ImagesNamedAsync(snapshot), Is.Empty, "no snapshot left");
    }

    /// <summary>Polls the gateway with Cache-Control: no-cache (the cloud is asked each time) until the state is reached.</summary>
    private Task<bool> StateReachedAsync(string location, string state) =>
        OpenStackDirect.EventuallyAsync(async () =>
        {
            var (status, body, _) = await SendAsync(Request(HttpMethod.Get, location, live: true));
            return status == HttpStatusCode.OK && OcciText.Attribute(body, "occi.compute.state") == state
                && OcciText.Attribute(body, "occi.compute.state.message") is "ACTIVE" or "SHUTOFF";
        }, Deadline);

    private async Task ActAsync(string location, string action, string? attribute = null)
    {
        var request = Request(HttpMethod.Post, location + "?action=" + action);
        var text = new StringBuilder(OcciText.Action("compute", action));
        if (attribute is not null) text.Append("\nX-OCCI-Attribute: ").Append(attribute);
        request.Content = RunningServer.TextPlain(text.ToString());
        var (status, body, _) = await SendAsync(request);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.NoContent), $"{action}: {body}");
    }

    /// <summary>The Nova server the gateway made for the entity, found by its occi_id metadata.</summary>
    private async Task<string?> ServerIdAsync(string entityId)
    {
        var servers = await _cloud.GetAsync(OpenStackDirect.Nova + "servers/detail");
        return servers!["servers"]!.AsArray().FirstOrDefault(s => s!["metadata"]?["occi_id"]?.GetValue<string>() == entityId)?["id"]?.GetValue<string>();
    }
}
