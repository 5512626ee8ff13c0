using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;

namespace Occi.Backends.Libvirt.Tests;

/// <summary>network ↔ libvirt virtual network, on the test driver.</summary>
public sealed class NetworkTests : BackendFixture
{
    private static int _subnet = Random.Shared.Next(0, 200);

    private static string FreshSubnet() => $"10.{Interlocked.Increment(ref _subnet) % 250}.{Random.Shared.Next(1, 250)}.0/24";

    [Test]
    public async Task Create_with_ipnetwork_defines_an_active_nat_network_on_that_subnet()
    {
        var network = TestDriver.Network();
        network.Mixins.Add(IpNetwork.Mixin.Id);
        var subnet = FreshSubnet();
        network.Attributes[IpNetwork.Address] = subnet;
        await Backend.CreateAsync(Caller, network, None);

        Assert.That(TestDriver.State(network, Network.State), Is.EqualTo("active"));
        Assert.That(network.Attributes.GetString(IpNetwork.Address), Is.EqualTo(subnet));
        Assert.That(network.Attributes.GetString(IpNetwork.Gateway), Is.EqualTo(subnet.Replace(".0/24", ".1")));
        Assert.That(network.Attributes.GetString(IpNetwork.Allocation), Is.EqualTo("dynamic"));
        using var libvirt = Keeper.FindNetwork(network.BackendId!)!;
        Assert.That(libvirt.Xml, Does.Contain("<forward mode='nat'"));
    }

    [Test]
    public async Task Static_allocation_defines_no_dhcp_range()
    {
        var network = TestDriver.Network();
        network.Mixins.Add(IpNetwork.Mixin.Id);
        network.Attributes[IpNetwork.Address] = FreshSubnet();
        network.Attributes[IpNetwork.Allocation] = "static";
        await Backend.CreateAsync(Caller, network, None);
        using var libvirt = Keeper.FindNetwork(network.BackendId!)!;
        Assert.That(libvirt.Xml, Does.Not.Contain("<dhcp>"));
        Assert.That(network.Attributes.GetString(IpNetwork.Allocation), Is.EqualTo("static"));
    }

    [Test]
    public async Task Without_an_address_a_free_subnet_is_chosen()
    {
        var network = TestDriver.Network();
        await Backend.CreateAsync(Caller, network, None);
        using var libvirt = Keeper.FindNetwork(network.BackendId!)!;
        Assert.That(libvirt.Xml, Does.Contain("<ip address='192.168."));
        Assert.That(libvirt.Xml, Does.Not.Contain("192.168.122.1"), "the driver's default network already uses 192.168.122.0/24");
    }

    [Test]
    public async Task A_subnet_overlapping_another_network_is_a_conflict()
    {
        var network = TestDriver.Network();
        network.Mixins.Add(IpNetwork.Mixin.Id);
        network.Attributes[IpNetwork.Address] = "192.168.122.0/25"; // the test driver's "default" network
        var e = await Fails(() => Backend.CreateAsync(Caller, network, None));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
    }

    [Test]
    public async Task Down_then_up_changes_the_state()
    {
        var network = TestDriver.Network();
        await Backend.CreateAsync(Caller, network, None);
        await Invoke(network, Network.Down);
        Assert.That(TestDriver.State(network, Network.State), Is.EqualTo("inactive"));
        await Invoke(network, Network.Up);
        Assert.That(TestDriver.State(network, Network.State), Is.EqualTo("active"));
    }

    [Test]
    public async Task Delete_removes_the_network()
    {
        var network = TestDriver.Network();
        await Backend.CreateAsync(Caller, network, None);
        await Backend.DeleteAsync(Caller, network, None);
        Assert.That(Keeper.FindNetwork(network.BackendId!), Is.Null);
        Assert.That(await Backend.RefreshAsync(Caller, network, ReadFreshness.Live, None), Is.False);
    }

    [Test]
    public async Task Inventory_lists_the_gateways_networks_but_not_the_hosts_default()
    {
        var network = TestDriver.Network();
        await Backend.CreateAsync(Caller, network, None);
        var ids = await Inventory(Network.Kind.Id);
        Assert.That(ids, Does.Contain(network.BackendId));
        Assert.That(ids, Does.Not.Contain("default"));
    }
}
