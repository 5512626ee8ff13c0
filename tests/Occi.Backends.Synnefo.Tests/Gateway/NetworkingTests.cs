using System.Net;
using Occi.Backends.Synnefo.Tests.Simulator;
using Occi.Server.Tests.Support;

namespace Occi.Backends.Synnefo.Tests.Gateway;

/// <summary>
/// network ↔ Cyclades network, networkinterface ↔ port or floating IP, through the gateway over HTTP against the
/// simulated Cyclades/Network; what Cyclades holds is checked after each step.
/// </summary>
public sealed class NetworkingTests : ResourceGatewayTest
{
    private static string Network(string cidr, string? gateway = null) =>
        OcciText.NetworkCategory
        + "\nCategory: ipnetwork; scheme=\"http://schemas.ogf.org/occi/infrastructure/network#\"; class=\"mixin\""
        + $"\nX-OCCI-Attribute: occi.network.address=\"{cidr}\""
        + (gateway is null ? "" : $"\nX-OCCI-Attribute: occi.network.gateway=\"{gateway}\"");

    private SimNetwork NetworkOf(string path)
    {
        lock (Cloud.Networking.Gate) return Cloud.Networking.Networks.Values.Single(n => n.Name == "occi-" + IdOf(path));
    }

    private SimPort[] PortsOf(string server)
    {
        lock (Cloud.Networking.Gate) return [.. Cloud.Networking.Ports.Values.Where(p => p.DeviceId == server)];
    }

    [Test]
    public async Task A_network_with_ipnetwork_is_a_Cyclades_network_of_the_configured_type_with_that_subnet_and_goes_with_its_delete()
    {
        var path = await CreateAsync("/network/", Network("10.0.5.0/24", "10.0.5.1"));

        var network = NetworkOf(path);
        Assert.That((network.Owner, network.Type), Is.EqualTo((User, "MAC_FILTERED")));
        SimSubnet subnet;
        lock (Cloud.Networking.Gate) subnet = Cloud.Networking.Subnets[network.Subnets.Single()];
        Assert.That((subnet.Cidr, subnet.GatewayIp, subnet.EnableDhcp), Is.EqualTo(("10.0.5.0/24", "10.0.5.1", true)));
        var text = await GetAsync(path);
        Assert.That(OcciText.Attribute(text, "occi.network.address"), Is.EqualTo("10.0.5.0/24"));
        Assert.That(OcciText.Attribute(text, "occi.network.gateway"), Is.EqualTo("10.0.5.1"));
        Assert.That(OcciText.Attribute(text, "occi.network.allocation"), Is.EqualTo("dynamic"));
        Assert.That(OcciText.Attribute(text, "occi.network.state"), Is.EqualTo("active"));

        await DeleteAsync(path);
        lock (Cloud.Networking.Gate) Assert.That(Cloud.Networking.Subnets.ContainsKey(subnet.Id), Is.False, "the subnet goes with its network");
    }

    [Test]
    public async Task A_networkinterface_to_a_private_network_is_a_port_of_the_server_and_goes_with_the_link()
    {
        var network = await CreateAsync("/network/", Network("10.0.6.0/24"));
        var compute = await ActiveComputeAsync();
        var server = ServerIdOf(compute);

        var link = await CreateAsync("/link/networkinterface/", Link("networkinterface", compute, network));

        var port = PortsOf(server).Single();
        Assert.That((port.NetworkId, port.Name), Is.EqualTo((NetworkOf(network).Id, "occi-" + IdOf(link))));
        var text = await GetAsync(link);
        Assert.That(OcciText.Attribute(text, "occi.networkinterface.mac"), Is.EqualTo(port.Mac));
        Assert.That(OcciText.Attribute(text, "occi.networkinterface.address"), Is.EqualTo(port.FixedIps.Single().Address).And.StartWith("10.0.6."));
        Assert.That(OcciText.Attribute(text, "occi.networkinterface.state"), Is.EqualTo("active"));

        await DeleteAsync(link);
        Assert.That(PortsOf(server), Is.Empty);
        await DeleteAsync(compute);
        await DeleteAsync(network);
    }

    [Test]
    public async Task A_link_to_network_public_reserves_a_floating_ip_used_by_a_port_of_the_server_and_its_delete_releases_it()
    {
        using (var put = await Gateway.SendAsync(HttpMethod.Put, "/network/public", OcciText.NetworkCategory))
            Assert.That((int)put.StatusCode, Is.AnyOf(200, 201), await put.Content.ReadAsStringAsync());
        var compute = await ActiveComputeAsync();
        var server = ServerIdOf(compute);

        var link = await CreateAsync("/link/networkinterface/", Link("networkinterface", compute, "/network/public"));

        SimFloatingIp ip;
        lock (Cloud.Networking.Gate) ip = Cloud.Networking.FloatingIps.Values.Single(f => f.Owner == User);
        var port = PortsOf(server).Single();
        Assert.That((ip.NetworkId, ip.PortId, ip.InstanceId), Is.EqualTo((SimulatedNetworking.PublicNetworkId, port.Id, server)));
        Assert.That(port.FixedIps.Single().Address, Is.EqualTo(ip.Address));
        Assert.That(await AttributeAsync(link, "occi.networkinterface.address"), Is.EqualTo(ip.Address).And.StartWith(SimulatedNetworking.PublicPrefix));

        await DeleteAsync(link);
        Assert.That(Cloud.Networking.FloatingIpsOf(User), Is.Zero, "the floating IP is released with the link");
        Assert.That(PortsOf(server), Is.Empty);
        await DeleteAsync(compute);
        await DeleteAsync("/network/public");
        lock (Cloud.Networking.Gate) Assert.That(Cloud.Networking.Networks.ContainsKey(SimulatedNetworking.PublicNetworkId), Is.True, "the site's public network stays");
    }

    [Test]
    public async Task A_floating_ip_past_the_users_quota_is_409_naming_the_resource_and_reserves_nothing()
    {
        Cloud.Quotas.SetLimit(User, "cyclades.floating_ip", 0);
        using (var put = await Gateway.SendAsync(HttpMethod.Put, "/network/public", OcciText.NetworkCategory))
            Assert.That((int)put.StatusCode, Is.AnyOf(200, 201));
        var compute = await ActiveComputeAsync();

        var (status, body, _) = await PostAsync("/link/networkinterface/", Link("networkinterface", compute, "/network/public"));

        Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict), body);
        Assert.That(body, Does.Contain("cyclades.floating_ip"));
        Assert.That(Cloud.Networking.FloatingIpsOf(User), Is.Zero);
        Assert.That(PortsOf(ServerIdOf(compute)), Is.Empty);
        Assert.That(OcciText.Locations(await GetAsync("/link/networkinterface/")), Is.Empty, "no link is stored");
        await DeleteAsync(compute);
        await DeleteAsync("/network/public");
    }

    [Test]
    public async Task A_network_past_the_private_network_quota_is_409_naming_the_resource_and_makes_nothing()
    {
        Cloud.Quotas.SetLimit(User, "cyclades.network.private", 1);
        var first = await CreateAsync("/network/", Network("10.0.7.0/24"));

        var (status, body, _) = await PostAsync("/network/", Network("10.0.8.0/24"));

        Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict), body);
        Assert.That(body, Does.Contain("cyclades.network.private"));
        Assert.That(Cloud.Networking.PrivateNetworksOf(User), Is.EqualTo(1));
        await DeleteAsync(first);
    }

    [Test]
    public async Task An_address_asked_on_a_private_network_is_refused_with_400_and_no_port_is_made()
    {
        var network = await CreateAsync("/network/", Network("10.0.9.0/24"));
        var compute = await ActiveComputeAsync();

        var (status, body, _) = await PostAsync("/link/networkinterface/", Link("networkinterface", compute, network,
            "Category: ipnetworkinterface; scheme=\"http://schemas.ogf.org/occi/infrastructure/networkinterface#\"; class=\"mixin\"\nX-OCCI-Attribute: occi.networkinterface.address=\"10.0.9.50\""));

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(body, Does.Contain("occi.networkinterface.address"));
        Assert.That(PortsOf(ServerIdOf(compute)), Is.Empty);
        await DeleteAsync(compute);
        await DeleteAsync(network);
    }

    [Test]
    public async Task A_bad_network_address_is_refused_with_400_before_Cyclades_makes_a_network()
    {
        var (status, body, _) = await PostAsync("/network/", Network("10.0.10.0/99"));

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(Cloud.Networking.PrivateNetworksOf(User), Is.Zero);
    }

    [Test]
    public async Task The_network_kind_offers_no_up_or_down_since_Cyclades_ignores_a_networks_admin_state()
    {
        var model = await GetAsync("/-/");
        var network = model.Split('\n').Single(l => l.Contains("Category: network;", StringComparison.Ordinal) && l.Contains("class=\"kind\"", StringComparison.Ordinal));
        Assert.That(network, Does.Not.Contain("/network/action#up"));
        var path = await CreateAsync("/network/", OcciText.NetworkCategory);
        var (status, body, _) = await PostAsync(path + "?action=up", OcciText.Action("network", "up"));
        Assert.That((int)status, Is.InRange(400, 499), body);
        await DeleteAsync(path);
    }
}
