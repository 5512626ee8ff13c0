using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>network ↔ Neutron network through the gateway, checked in Neutron directly.</summary>
public sealed class NetworkTests : GatewayTest
{
    protected override string PublicCidr => "172.24.102.0/24";

    [Test]
    public async Task A_network_with_ipnetwork_is_a_Neutron_network_with_that_subnet_and_a_router_to_the_public_network()
    {
        var path = await CreateAsync("/network/", Network("10.91.0.0/24", "10.91.0.1"));
        var name = "occi-" + IdOf(path);
        try
        {
            var network = (await Demo.ListAsync("networks", "?name=" + name)).Single()!;
            var subnet = (await Demo.ListAsync("subnets", "?network_id=" + network["id"]!.GetValue<string>())).Single()!;
            Assert.That(subnet["cidr"]!.GetValue<string>(), Is.EqualTo("10.91.0.0/24"));
            Assert.That(subnet["gateway_ip"]!.GetValue<string>(), Is.EqualTo("10.91.0.1"));
            Assert.That(subnet["enable_dhcp"]!.GetValue<bool>(), Is.True);
            var router = (await Demo.ListAsync("routers", "?name=" + name)).Single()!;
            Assert.That(router["external_gateway_info"]!["network_id"]!.GetValue<string>(), Is.EqualTo(Public.Id));

            var text = await GetAsync(path);
            Assert.That(OcciText.Attribute(text, "occi.network.address"), Is.EqualTo("10.91.0.0/24"));
            Assert.That(OcciText.Attribute(text, "occi.network.gateway"), Is.EqualTo("10.91.0.1"));
            Assert.That(OcciText.Attribute(text, "occi.network.allocation"), Is.EqualTo("dynamic"));
            Assert.That(OcciText.Attribute(text, "occi.network.state"), Is.EqualTo("active"));
        }
        finally
        {
            await DeleteAsync(path);
        }
        Assert.That(await Demo.ListAsync("networks", "?name=" + name), Is.Empty);
        Assert.That(await Demo.ListAsync("routers", "?name=" + name), Is.Empty);
    }

    [Test]
    public async Task Static_allocation_is_a_subnet_without_DHCP()
    {
        var path = await CreateAsync("/network/", Network("10.92.0.0/24", allocation: "static"));
        try
        {
            var network = (await Demo.ListAsync("networks", "?name=occi-" + IdOf(path))).Single()!;
            var subnet = (await Demo.ListAsync("subnets", "?network_id=" + network["id"]!.GetValue<string>())).Single()!;
            Assert.That(subnet["enable_dhcp"]!.GetValue<bool>(), Is.False);
            Assert.That(await AttributeAsync(path, "occi.network.allocation"), Is.EqualTo("static"));
        }
        finally
        {
            await DeleteAsync(path);
        }
    }

    [Test]
    public async Task Down_and_up_switch_the_networks_admin_state()
    {
        var path = await CreateAsync("/network/", Network());
        try
        {
            using (var down = await SendAsync(HttpMethod.Post, path + "?action=down", OcciText.Action("network", "down")))
                Assert.That(down.StatusCode, Is.EqualTo(HttpStatusCode.OK), await down.Content.ReadAsStringAsync());
            var network = (await Demo.ListAsync("networks", "?name=occi-" + IdOf(path))).Single()!;
            Assert.That(network["admin_state_up"]!.GetValue<bool>(), Is.False);
            Assert.That(await AttributeAsync(path, "occi.network.state"), Is.EqualTo("inactive"));

            using (var up = await SendAsync(HttpMethod.Post, path + "?action=up", OcciText.Action("network", "up")))
                Assert.That(up.StatusCode, Is.EqualTo(HttpStatusCode.OK), await up.Content.ReadAsStringAsync());
            Assert.That(await AttributeAsync(path, "occi.network.state"), Is.EqualTo("active"));
        }
        finally
        {
            await DeleteAsync(path);
        }
    }

    [Test]
    public async Task The_network_at_network_public_stands_for_the_public_network_and_its_delete_leaves_it()
    {
        using (var put = await SendAsync(HttpMethod.Put, Made("/network/public"), OcciText.NetworkCategory))
            Assert.That((int)put.StatusCode, Is.AnyOf(200, 201), await put.Content.ReadAsStringAsync());
        try
        {
            Assert.That(await AttributeAsync("/network/public", "occi.network.state"), Is.EqualTo("active"));
            Assert.That(await Demo.ListAsync("networks", "?name=occi-public"), Is.Empty);
        }
        finally
        {
            await DeleteAsync("/network/public");
        }
        Assert.That(await Demo.GetAsync(OpenStackDirect.Neutron("networks/" + Public.Id)), Is.Not.Null);
    }

    [Test]
    public async Task The_query_interface_offers_a_floating_ip_pool_per_external_network_and_the_security_groups()
    {
        var model = await GetAsync("/-/");
        var pool = $"Category: {Public.Name.ToLowerInvariant()}; scheme=\"http://schemas.openstack.org/network/floatingippool#\"; class=\"mixin\"";
        Assert.That(model, Does.Contain(pool));
        Assert.That(model, Does.Contain("Category: default; scheme=\"http://schemas.openstack.org/infrastructure/security/group#\"; class=\"mixin\""));
        Assert.That(model, Does.Contain("Category: ipnetwork; scheme=\"http://schemas.ogf.org/occi/infrastructure/network#\"; class=\"mixin\""));
    }

    [Test]
    public async Task A_network_address_that_is_no_CIDR_is_refused_with_400_and_Neutron_gets_nothing()
    {
        var before = (await Demo.ListAsync("networks")).Count;
        using var response = await SendAsync(HttpMethod.Post, "/network/", Network("10.93.0.0"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("occi.network.address"));
        Assert.That((await Demo.ListAsync("networks")).Count, Is.EqualTo(before));
    }
}
