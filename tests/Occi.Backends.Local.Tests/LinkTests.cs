using System.Text.RegularExpressions;
using Occi.Core;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;
using static Occi.Backends.Local.Tests.TestCloud;
using ReadFreshness = Occi.Core.BackendContracts.ReadFreshness;

namespace Occi.Backends.Local.Tests;

public partial class LinkTests : CloudTest
{
    private LocalBackend _backend = null!;

    [SetUp]
    public void OpenBackend() => _backend = Cloud.Open();

    [GeneratedRegex("^02(:[0-9a-f]{2}){5}$")]
    private static partial Regex LocallyAdministeredMac();

    [Test]
    public async Task A_networkinterface_gets_a_locally_administered_mac()
    {
        var nic = await NewInterface(ip: false);
        Assert.That(nic.Attributes.GetString(NetworkInterface.Mac), Does.Match(LocallyAdministeredMac()));
    }

    [Test]
    public async Task Generated_macs_are_unique()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var network = await _backend.CreateAsync(Caller, Network(), None);
        var macs = new List<string>();
        for (var i = 0; i < 200; i++)
            macs.Add((await _backend.CreateAsync(Caller, Interface(compute, network), None)).Attributes.GetString(NetworkInterface.Mac)!);
        Assert.That(macs, Is.Unique);
    }

    [Test]
    public async Task A_mac_the_client_gave_is_kept()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var network = await _backend.CreateAsync(Caller, Network(), None);
        var link = Interface(compute, network);
        link.Attributes[NetworkInterface.Mac] = "00:11:22:33:44:55";
        Assert.That((await _backend.CreateAsync(Caller, link, None)).Attributes.GetString(NetworkInterface.Mac), Is.EqualTo("00:11:22:33:44:55"));
    }

    [Test]
    public async Task Interfaces_of_one_compute_are_named_eth0_eth1()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var network = await _backend.CreateAsync(Caller, Network(), None);
        var first = await _backend.CreateAsync(Caller, Interface(compute, network), None);
        var second = await _backend.CreateAsync(Caller, Interface(compute, network), None);
        Assert.That(first.Attributes.GetString(NetworkInterface.Interface), Is.EqualTo("eth0"));
        Assert.That(second.Attributes.GetString(NetworkInterface.Interface), Is.EqualTo("eth1"));
    }

    [Test]
    public async Task An_ip_interface_gets_the_next_free_address_of_its_network()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var network = await _backend.CreateAsync(Caller, Network("192.168.7.0/24"), None);
        var first = await _backend.CreateAsync(Caller, Interface(compute, network, ip: true), None);
        var second = await _backend.CreateAsync(Caller, Interface(compute, network, ip: true), None);
        Assert.That(first.Attributes.GetString(IpNetworkInterface.Address), Is.EqualTo("192.168.7.2"), ".1 is the gateway");
        Assert.That(second.Attributes.GetString(IpNetworkInterface.Address), Is.EqualTo("192.168.7.3"));
        Assert.That(first.Attributes.GetString(IpNetworkInterface.Gateway), Is.EqualTo("192.168.7.1"));
        Assert.That(first.Attributes.GetString(IpNetworkInterface.Allocation), Is.EqualTo("dynamic"));
    }

    [Test]
    public async Task An_address_freed_by_a_deleted_interface_is_given_again()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var network = await _backend.CreateAsync(Caller, Network("192.168.7.0/24"), None);
        var first = await _backend.CreateAsync(Caller, Interface(compute, network, ip: true), None);
        await _backend.DeleteAsync(Caller, Handle(first), None);
        var again = await _backend.CreateAsync(Caller, Interface(compute, network, ip: true), None);
        Assert.That(again.Attributes.GetString(IpNetworkInterface.Address), Is.EqualTo("192.168.7.2"));
    }

    [Test]
    public async Task An_interface_on_a_network_without_an_address_draws_from_the_default_pool()
    {
        var nic = await NewInterface(ip: true);
        Assert.That(nic.Attributes.GetString(IpNetworkInterface.Address), Is.EqualTo("10.0.0.2"));
    }

    [Test]
    public async Task An_address_the_client_gave_is_kept()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var network = await _backend.CreateAsync(Caller, Network("192.168.7.0/24"), None);
        var link = Interface(compute, network, ip: true);
        link.Attributes[IpNetworkInterface.Address] = "192.168.7.50";
        Assert.That((await _backend.CreateAsync(Caller, link, None)).Attributes.GetString(IpNetworkInterface.Address), Is.EqualTo("192.168.7.50"));
    }

    [Test]
    public async Task A_full_network_refuses_another_interface_with_a_conflict()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var network = await _backend.CreateAsync(Caller, Network("192.168.9.0/30"), None); // one host address besides the gateway
        await _backend.CreateAsync(Caller, Interface(compute, network, ip: true), None);
        var e = Assert.ThrowsAsync<OcciException>(() => _backend.CreateAsync(Caller, Interface(compute, network, ip: true), None))!;
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
    }

    [Test]
    public async Task An_interface_without_the_ip_mixin_gets_no_address()
    {
        var nic = await NewInterface(ip: false);
        Assert.That(nic.Attributes.Contains(IpNetworkInterface.Address), Is.False);
    }

    [Test]
    public async Task Storagelinks_of_one_compute_get_vdb_then_vdc()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var first = await _backend.CreateAsync(Caller, Disk(compute, await _backend.CreateAsync(Caller, Storage(), None)), None);
        var second = await _backend.CreateAsync(Caller, Disk(compute, await _backend.CreateAsync(Caller, Storage(), None)), None);
        Assert.That(first.Attributes.GetString(StorageLink.DeviceId), Is.EqualTo("vdb"));
        Assert.That(second.Attributes.GetString(StorageLink.DeviceId), Is.EqualTo("vdc"));
    }

    [Test]
    public async Task Another_compute_starts_again_at_vdb()
    {
        var storage = await _backend.CreateAsync(Caller, Storage(), None);
        var a = await _backend.CreateAsync(Caller, Compute(), None);
        var b = await _backend.CreateAsync(Caller, Compute(), None);
        await _backend.CreateAsync(Caller, Disk(a, storage), None);
        var onB = await _backend.CreateAsync(Caller, Disk(b, await _backend.CreateAsync(Caller, Storage(), None)), None);
        Assert.That(onB.Attributes.GetString(StorageLink.DeviceId), Is.EqualTo("vdb"));
    }

    [Test]
    public async Task A_deviceid_the_client_gave_is_kept_and_skipped_next_time()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var given = Disk(compute, await _backend.CreateAsync(Caller, Storage(), None));
        given.Attributes[StorageLink.DeviceId] = "vdb";
        await _backend.CreateAsync(Caller, given, None);
        var next = await _backend.CreateAsync(Caller, Disk(compute, await _backend.CreateAsync(Caller, Storage(), None)), None);
        Assert.That(next.Attributes.GetString(StorageLink.DeviceId), Is.EqualTo("vdc"));
    }

    [Test]
    public async Task Link_ends_given_as_absolute_uris_are_recognised()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var first = Disk(compute, await _backend.CreateAsync(Caller, Storage(), None));
        first.Source = "http://cloud.example:8080" + first.Source;
        await _backend.CreateAsync(Caller, first, None);
        var second = await _backend.CreateAsync(Caller, Disk(compute, await _backend.CreateAsync(Caller, Storage(), None)), None);
        Assert.That(second.Attributes.GetString(StorageLink.DeviceId), Is.EqualTo("vdc"));
    }

    [Test]
    public async Task Link_ends_the_server_resolved_to_backend_ids_are_used_whatever_the_location()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var network = await _backend.CreateAsync(Caller, Network("172.16.0.0/24"), None);
        var link = new Link
        {
            Kind = NetworkInterface.Kind.Id, Source = "/compute/occi-id-1", Target = "/network/occi-id-2",
            SourceBackendId = compute.BackendId, TargetBackendId = network.BackendId,
        };
        link.Mixins.Add(IpNetworkInterface.Mixin.Id);
        var nic = await _backend.CreateAsync(Caller, link, None);
        Assert.That(nic.Attributes.GetString(IpNetworkInterface.Address), Is.EqualTo("172.16.0.2"));
        await _backend.DeleteAsync(Caller, Handle(compute), None);
        Assert.That(await _backend.RefreshAsync(Caller, Handle(nic), ReadFreshness.Live, None), Is.False, "detached with its compute");
    }

    [Test]
    public async Task Link_ends_are_found_by_the_location_the_server_gave_the_resource()
    {
        var r = Compute();
        r.Location = "/compute/custom-place";
        var compute = await _backend.CreateAsync(Caller, r, None);
        var disk = new Link { Kind = StorageLink.Kind.Id, Source = "/compute/custom-place", Target = "/storage/x" };
        await _backend.CreateAsync(Caller, disk, None);
        var second = await _backend.CreateAsync(Caller, new Link { Kind = StorageLink.Kind.Id, Source = "/compute/custom-place", Target = "/storage/y" }, None);
        Assert.That(second.Attributes.GetString(StorageLink.DeviceId), Is.EqualTo("vdc"));
        Assert.That(compute.BackendId, Is.Not.EqualTo("custom-place"));
    }

    [Test]
    public async Task Deleting_a_network_detaches_its_interfaces()
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var network = await _backend.CreateAsync(Caller, Network(), None);
        var nic = await _backend.CreateAsync(Caller, Interface(compute, network), None);
        await _backend.DeleteAsync(Caller, Handle(network), None);
        Assert.That(await _backend.RefreshAsync(Caller, Handle(nic), ReadFreshness.Live, None), Is.False);
    }

    private async Task<Entity> NewInterface(bool ip)
    {
        var compute = await _backend.CreateAsync(Caller, Compute(), None);
        var network = await _backend.CreateAsync(Caller, Network(), None);
        return await _backend.CreateAsync(Caller, Interface(compute, network, ip), None);
    }
}
