using System.Net;
using System.Text.Json.Nodes;
using Occi.Server.Tests.Support;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>
/// storagelink ↔ Nova volume attachment, networkinterface ↔ Neutron port on the server, a link to the public
/// network ↔ floating IP, security group mixins ↔ the groups of the server's ports: through the gateway, each checked
/// in Cinder, Neutron and Nova directly, and each test removing what it made and checking that nothing is left.
/// </summary>
public sealed class LinkTests : GatewayTest
{
    private const string LinkScheme = "http://schemas.ogf.org/occi/infrastructure#";
    private const string OsTplScheme = "http://schemas.openstack.org/template/os#";
    private const string ResourceTplScheme = "http://schemas.openstack.org/template/resource#";
    private readonly string _group = "osvolnet-sg-" + Guid.NewGuid().ToString("N")[..8];
    private string _groupId = "";
    private string _image = "";

    protected override string PublicCidr => "172.24.103.0/24";

    protected override async Task BeforeGatewayAsync()
    {
        var made = await Demo.SendAsync(HttpMethod.Post, OpenStackDirect.Neutron("security-groups"),
            new JsonObject { ["security_group"] = new JsonObject { ["name"] = _group, ["description"] = "osvolnet link tests" } });
        _groupId = made["security_group"]!["id"]!.GetValue<string>();
        _image = (await Demo.GetAsync("http://127.0.0.1:9292/v2/images?name=" + OpenStackDirect.TinyImageName))!["images"]![0]!["id"]!.GetValue<string>();
    }

    protected override async Task AfterGatewayAsync()
    {
        if (_groupId.Length > 0) await Demo.SendAsync(HttpMethod.Delete, OpenStackDirect.Neutron("security-groups/" + _groupId));
    }

    [Test]
    public async Task A_storagelink_attaches_the_volume_to_the_server_and_its_delete_detaches_it()
    {
        var compute = await ActiveComputeAsync();
        var storage = await CreateAsync("/storage/", Storage(1));
        try
        {
            await UntilAsync(storage, "occi.storage.state", "online");
            var link = await CreateAsync("/link/storagelink/", Link("storagelink", compute, storage));
            await UntilAsync(link, "occi.storagelink.state", "active");
            Assert.That(await AttributeAsync(link, "occi.storagelink.deviceid"), Does.StartWith("/dev/"));
            var volume = await VolumeOfAsync(storage);
            Assert.That(volume["status"]!.GetValue<string>(), Is.EqualTo("in-use"));
            Assert.That(volume["attachments"]![0]!["server_id"]!.GetValue<string>(), Is.EqualTo(await ServerIdAsync(compute)));

            await DeleteAsync(link);
            var detached = await OpenStackDirect.EventuallyAsync(() => VolumeOfAsync(storage), v => v["status"]!.GetValue<string>() == "available", "the volume's detach");
            Assert.That(detached["attachments"]!.AsArray(), Is.Empty);
        }
        finally
        {
            await DeleteWhenSettledAsync(storage);
            await DeleteAsync(compute);
        }
    }

    [Test]
    public async Task A_networkinterface_is_a_port_of_the_server_on_the_network_and_goes_with_the_link()
    {
        var network = await CreateAsync("/network/", Network("10.94.0.0/24"));
        var compute = await ActiveComputeAsync();
        try
        {
            var link = await CreateAsync("/link/networkinterface/", Link("networkinterface", compute, network));
            var port = (await Demo.ListAsync("ports", "?name=occi-" + IdOf(link))).Single()!;
            Assert.That(port["device_id"]!.GetValue<string>(), Is.EqualTo(await ServerIdAsync(compute)));
            var text = await GetAsync(link);
            Assert.That(OcciText.Attribute(text, "occi.networkinterface.mac"), Is.EqualTo(port["mac_address"]!.GetValue<string>()));
            Assert.That(OcciText.Attribute(text, "occi.networkinterface.address"), Does.StartWith("10.94.0."));

            await DeleteAsync(link);
            Assert.That(await Demo.ListAsync("ports", "?name=occi-" + IdOf(link)), Is.Empty);
        }
        finally
        {
            await DeleteAsync(compute);
            await DeleteWhenSettledAsync(network);
        }
        Assert.That(await Demo.ListAsync("networks", "?name=occi-" + IdOf(network)), Is.Empty);
        Assert.That(await Demo.ListAsync("routers", "?name=occi-" + IdOf(network)), Is.Empty);
    }

    [Test]
    public async Task A_link_to_the_public_network_gives_the_compute_a_floating_ip_released_with_the_link()
    {
        var network = await CreateAsync("/network/", Network("10.95.0.0/24"));
        var compute = await ActiveComputeAsync();
        using (var put = await SendAsync(HttpMethod.Put, Made("/network/public"), OcciText.NetworkCategory))
            Assert.That((int)put.StatusCode, Is.AnyOf(200, 201), await put.Content.ReadAsStringAsync());
        try
        {
            var port = await CreateAsync("/link/networkinterface/", Link("networkinterface", compute, network));
            var link = await CreateAsync("/link/networkinterface/", Link("networkinterface", compute, "/network/public"));
            var ip = (await Demo.ListAsync("floatingips", "?description=occi-" + IdOf(link))).Single()!;
            Assert.That(ip["floating_network_id"]!.GetValue<string>(), Is.EqualTo(Public.Id));
            Assert.That(ip["port_id"]!.GetValue<string>(), Is.EqualTo((await Demo.ListAsync("ports", "?name=occi-" + IdOf(port))).Single()!["id"]!.GetValue<string>()));
            Assert.That(await AttributeAsync(link, "occi.networkinterface.address"), Is.EqualTo(ip["floating_ip_address"]!.GetValue<string>()).And.StartWith("172.24.103."));

            await DeleteAsync(link);
            Assert.That(await Demo.ListAsync("floatingips", "?floating_network_id=" + Public.Id), Is.Empty);
            await DeleteAsync(port);
        }
        finally
        {
            await DeleteAsync(compute);
            await DeleteAsync("/network/public");
            await DeleteWhenSettledAsync(network);
        }
    }

    [Test]
    public async Task A_security_group_mixin_gives_the_servers_ports_that_group()
    {
        var network = await CreateAsync("/network/", Network("10.96.0.0/24"));
        var compute = await ActiveComputeAsync($"\nCategory: {_group}; scheme=\"http://schemas.openstack.org/infrastructure/security/group#\"; class=\"mixin\"");
        try
        {
            var link = await CreateAsync("/link/networkinterface/", Link("networkinterface", compute, network));
            var port = (await Demo.ListAsync("ports", "?name=occi-" + IdOf(link))).Single()!;
            Assert.That(port["security_groups"]!.AsArray().Select(g => g!.GetValue<string>()), Is.EqualTo(new[] { _groupId }));
            Assert.That(await GetAsync(compute), Does.Contain($"Category: {_group}; scheme=\"http://schemas.openstack.org/infrastructure/security/group#\""));
            await DeleteAsync(link);
        }
        finally
        {
            await DeleteAsync(compute);
            await DeleteWhenSettledAsync(network);
        }
    }

    [Test]
    public async Task An_unknown_security_group_is_refused_with_400_before_Nova_makes_a_server()
    {
        using var response = await SendAsync(HttpMethod.Post, "/compute/", Compute()
            + "\nCategory: no-such-group; scheme=\"http://schemas.openstack.org/infrastructure/security/group#\"; class=\"mixin\"");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    /// <summary>A compute from the tiny image and m1.tiny, waited for until Nova has it ACTIVE (attachments need that).</summary>
    private async Task<string> ActiveComputeAsync(string extra = "")
    {
        var path = await CreateAsync("/compute/", Compute() + extra);
        await UntilAsync(path, "occi.compute.state", "active", 120);
        return path;
    }

    private string Compute() =>
        OcciText.ComputeCategory
        + $"\nCategory: {_image}; scheme=\"{OsTplScheme}\"; class=\"mixin\""
        + $"\nCategory: {OpenStackDirect.TinyFlavorId}; scheme=\"{ResourceTplScheme}\"; class=\"mixin\"";

    private static string Link(string kind, string source, string target) =>
        $"Category: {kind}; scheme=\"{LinkScheme}\"; class=\"kind\"\nX-OCCI-Attribute: occi.core.source=\"{source}\"\nX-OCCI-Attribute: occi.core.target=\"{target}\"";

    private async Task<JsonNode> VolumeOfAsync(string storage) =>
        (await Demo.GatewayVolumesAsync(Tag)).Single(v => v!["metadata"]!["occi_id"]?.GetValue<string>() == IdOf(storage))!;

    /// <summary>The Nova server of a compute, found as the compute translator tags it: its occi_id metadata.</summary>
    private async Task<string> ServerIdAsync(string compute) =>
        (await Demo.GetAsync(OpenStackDirect.Nova + "servers/detail"))!["servers"]!.AsArray()
            .Single(s => s!["metadata"]?["occi_id"]?.GetValue<string>() == IdOf(compute))!["id"]!.GetValue<string>();
}
