using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Infrastructure.Kinds;

namespace Occi.Backends.Libvirt.Tests;

/// <summary>storagelink ↔ disk and networkinterface ↔ interface, on the test driver (which has no hot-plug, so links land in the definition).</summary>
public sealed class LinkTests : BackendFixture
{
    [Test]
    public async Task A_storagelink_attaches_the_volume_as_the_next_virtio_disk()
    {
        var compute = await Backend.CreateAsync(Caller, TestDriver.Compute(), None);
        var storage = await Backend.CreateAsync(Caller, TestDriver.Storage(1), None);
        var link = TestDriver.Link(StorageLink.Kind.Id, compute, storage);
        await Backend.CreateAsync(Caller, link, None);

        Assert.That(link.Attributes.GetString(StorageLink.DeviceId), Is.EqualTo("vdb"));
        Assert.That(link.BackendId, Is.EqualTo($"{compute.BackendId}/vdb"));
        using var domain = Keeper.FindDomain(Guid.Parse(compute.BackendId!))!;
        Assert.That(domain.InactiveXml, Does.Contain(storage.BackendId!).And.Contain("dev='vdb'"));
    }

    [Test]
    public async Task A_storagelink_uses_the_requested_device_id()
    {
        var compute = await Backend.CreateAsync(Caller, TestDriver.Compute(), None);
        var storage = await Backend.CreateAsync(Caller, TestDriver.Storage(1), None);
        var link = TestDriver.Link(StorageLink.Kind.Id, compute, storage);
        link.Attributes[StorageLink.DeviceId] = "vdd";
        await Backend.CreateAsync(Caller, link, None);
        Assert.That(link.BackendId, Is.EqualTo($"{compute.BackendId}/vdd"));
    }

    [Test]
    public async Task Attaching_the_same_volume_twice_is_a_conflict()
    {
        var compute = await Backend.CreateAsync(Caller, TestDriver.Compute(), None);
        var storage = await Backend.CreateAsync(Caller, TestDriver.Storage(1), None);
        await Backend.CreateAsync(Caller, TestDriver.Link(StorageLink.Kind.Id, compute, storage), None);
        var e = await Fails(() => Backend.CreateAsync(Caller, TestDriver.Link(StorageLink.Kind.Id, compute, storage), None));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
    }

    [Test]
    public async Task A_storagelink_is_active_once_the_domain_has_booted_with_it()
    {
        var compute = await Backend.CreateAsync(Caller, TestDriver.Compute(), None);
        var storage = await Backend.CreateAsync(Caller, TestDriver.Storage(1), None);
        var link = await Backend.CreateAsync(Caller, TestDriver.Link(StorageLink.Kind.Id, compute, storage), None);
        await Invoke(compute, Compute.Restart, "cold");
        Assert.That(await Backend.RefreshAsync(Caller, link, ReadFreshness.Live, None), Is.True);
        Assert.That(TestDriver.State(link, StorageLink.State), Is.EqualTo("active"));
    }

    [Test]
    public async Task Deleting_a_storagelink_detaches_the_disk_and_keeps_the_volume()
    {
        var compute = await Backend.CreateAsync(Caller, TestDriver.Compute(), None);
        var storage = await Backend.CreateAsync(Caller, TestDriver.Storage(1), None);
        var link = await Backend.CreateAsync(Caller, TestDriver.Link(StorageLink.Kind.Id, compute, storage), None);
        await Backend.DeleteAsync(Caller, link, None);
        Assert.That(await Backend.RefreshAsync(Caller, link, ReadFreshness.Live, None), Is.False);
        Assert.That(await Backend.RefreshAsync(Caller, storage, ReadFreshness.Live, None), Is.True);
    }

    [Test]
    public async Task Deleting_an_attached_storage_is_a_conflict()
    {
        var compute = await Backend.CreateAsync(Caller, TestDriver.Compute(), None);
        var storage = await Backend.CreateAsync(Caller, TestDriver.Storage(1), None);
        await Backend.CreateAsync(Caller, TestDriver.Link(StorageLink.Kind.Id, compute, storage), None);
        var e = await Fails(() => Backend.DeleteAsync(Caller, storage, None));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
    }

    [Test]
    public async Task Inventory_lists_storagelinks_by_domain_and_device()
    {
        var compute = await Backend.CreateAsync(Caller, TestDriver.Compute(), None);
        var storage = await Backend.CreateAsync(Caller, TestDriver.Storage(1), None);
        var link = await Backend.CreateAsync(Caller, TestDriver.Link(StorageLink.Kind.Id, compute, storage), None);
        Assert.That(await Inventory(StorageLink.Kind.Id), Does.Contain(link.BackendId));
    }

    [Test]
    public async Task A_networkinterface_adds_an_interface_with_the_given_mac()
    {
        var compute = await Backend.CreateAsync(Caller, TestDriver.Compute(), None);
        var network = await Backend.CreateAsync(Caller, TestDriver.Network(), None);
        var link = TestDriver.Link(NetworkInterface.Kind.Id, compute, network);
        link.Attributes[NetworkInterface.Mac] = "52:54:00:AB:CD:EF";
        await Backend.CreateAsync(Caller, link, None);

        Assert.That(link.Attributes.GetString(NetworkInterface.Mac), Is.EqualTo("52:54:00:ab:cd:ef"));
        Assert.That(link.Attributes.GetString(NetworkInterface.Interface), Is.Not.Null.And.Not.Empty);
        using var domain = Keeper.FindDomain(Guid.Parse(compute.BackendId!))!;
        Assert.That(domain.InactiveXml, Does.Contain("52:54:00:ab:cd:ef").And.Contain($"network='{network.BackendId}'"));
    }

    [Test]
    public async Task A_networkinterface_without_a_mac_gets_a_stable_qemu_mac()
    {
        var compute = await Backend.CreateAsync(Caller, TestDriver.Compute(), None);
        var network = await Backend.CreateAsync(Caller, TestDriver.Network(), None);
        var link = await Backend.CreateAsync(Caller, TestDriver.Link(NetworkInterface.Kind.Id, compute, network), None);
        Assert.That(link.Attributes.GetString(NetworkInterface.Mac), Is.EqualTo(EntityNames.Mac(link.Id)).And.StartsWith("52:54:00:"));
    }

    [Test]
    public async Task A_networkinterface_to_a_host_network_uses_it_by_name()
    {
        var compute = await Backend.CreateAsync(Caller, TestDriver.Compute(), None);
        var link = new Core.Model.Link { Id = TestDriver.NewId(), Kind = NetworkInterface.Kind.Id, Source = compute.Location!, Target = "/network/default" };
        await Backend.CreateAsync(Caller, link, None);
        using var domain = Keeper.FindDomain(Guid.Parse(compute.BackendId!))!;
        Assert.That(domain.InactiveXml, Does.Contain("network='default'"));
    }

    [Test]
    public async Task Deleting_a_networkinterface_removes_the_interface()
    {
        var compute = await Backend.CreateAsync(Caller, TestDriver.Compute(), None);
        var network = await Backend.CreateAsync(Caller, TestDriver.Network(), None);
        var link = await Backend.CreateAsync(Caller, TestDriver.Link(NetworkInterface.Kind.Id, compute, network), None);
        await Backend.DeleteAsync(Caller, link, None);
        Assert.That(await Backend.RefreshAsync(Caller, link, ReadFreshness.Live, None), Is.False);
        Assert.That(await Inventory(NetworkInterface.Kind.Id), Does.Not.Contain(link.BackendId));
    }

    [Test]
    public async Task A_link_from_a_compute_without_a_domain_is_not_found()
    {
        var storage = await Backend.CreateAsync(Caller, TestDriver.Storage(1), None);
        var missing = TestDriver.Compute();
        var e = await Fails(() => Backend.CreateAsync(Caller, TestDriver.Link(StorageLink.Kind.Id, missing, storage), None));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.NotFound));
    }
}
