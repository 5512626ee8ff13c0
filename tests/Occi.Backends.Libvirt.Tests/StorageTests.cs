using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Infrastructure.Kinds;

namespace Occi.Backends.Libvirt.Tests;

/// <summary>storage ↔ volume in the configured pool, on the test driver.</summary>
public sealed class StorageTests : BackendFixture
{
    [Test]
    public async Task Create_makes_a_volume_of_the_requested_size_online()
    {
        var storage = TestDriver.Storage(2);
        await Backend.CreateAsync(Caller, storage, None);
        using var pool = Keeper.FindStoragePool(TestDriver.Pool)!;
        using var volume = pool.FindVolume(storage.BackendId!)!;
        Assert.That(volume.Info.Capacity, Is.EqualTo(2UL << 30));
        Assert.That(storage.Attributes[Storage.Size].AsNumber, Is.EqualTo(2));
        Assert.That(TestDriver.State(storage, Storage.State), Is.EqualTo("online"));
    }

    [Test]
    public async Task Offline_then_online_changes_the_state()
    {
        var storage = TestDriver.Storage(1);
        await Backend.CreateAsync(Caller, storage, None);
        await Invoke(storage, Storage.Offline);
        Assert.That(TestDriver.State(storage, Storage.State), Is.EqualTo("offline"));
        await Invoke(storage, Storage.Online);
        Assert.That(TestDriver.State(storage, Storage.State), Is.EqualTo("online"));
    }

    [Test]
    public async Task Online_on_an_online_volume_is_a_conflict()
    {
        var storage = TestDriver.Storage(1);
        await Backend.CreateAsync(Caller, storage, None);
        var e = await Fails(() => Invoke(storage, Storage.Online));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
    }

    [Test]
    public async Task Shrinking_a_volume_is_a_conflict()
    {
        var storage = TestDriver.Storage(2);
        await Backend.CreateAsync(Caller, storage, None);
        var resize = new Core.Model.ActionInvocation(Storage.Resize.Id);
        resize.Attributes["size"] = 1.0;
        var e = await Fails(() => Backend.InvokeAsync(Caller, storage, resize, None));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
    }

    [Test]
    public async Task Growing_a_volume_on_a_driver_without_resize_is_a_backend_failure_naming_the_call()
    {
        // The test driver implements no virStorageVolResize; the qemu session test grows a real volume.
        var storage = TestDriver.Storage(1);
        await Backend.CreateAsync(Caller, storage, None);
        var resize = new Core.Model.ActionInvocation(Storage.Resize.Id);
        resize.Attributes["size"] = 3.0;
        var e = await Fails(() => Backend.InvokeAsync(Caller, storage, resize, None));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.BackendFailure));
        Assert.That(e.Message, Does.Contain("virStorageVolResize"));
    }

    [Test]
    public async Task Refresh_after_delete_reports_the_volume_gone()
    {
        var storage = TestDriver.Storage(1);
        await Backend.CreateAsync(Caller, storage, None);
        await Backend.DeleteAsync(Caller, storage, None);
        Assert.That(await Backend.RefreshAsync(Caller, storage, ReadFreshness.Live, None), Is.False);
    }

    [Test]
    public async Task Inventory_lists_storage_volumes_but_not_boot_disks()
    {
        var storage = TestDriver.Storage(1);
        await Backend.CreateAsync(Caller, storage, None);
        var ids = await Inventory(Storage.Kind.Id);
        Assert.That(ids, Does.Contain(storage.BackendId));
        Assert.That(ids, Has.None.EndsWith("-boot"));
    }

    [TestCase(1e300)]
    [TestCase(9.3e18)]
    public async Task A_storage_larger_than_any_pool_is_a_bad_request_and_makes_no_volume(double sizeGiB)
    {
        var storage = TestDriver.Storage(sizeGiB);
        var e = await Fails(() => Backend.CreateAsync(Caller, storage, None));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.BadRequest));
        Assert.That(e.Message, Does.Contain("at most"));
        using var pool = Keeper.FindStoragePool(TestDriver.Pool)!;
        Assert.That(pool.ListVolumes().Select(v => { using (v) return v.Name; }), Has.None.Contains(storage.Id));
    }

    [Test]
    public async Task A_storage_without_a_positive_size_is_a_bad_request()
    {
        var storage = TestDriver.Storage(0);
        var e = await Fails(() => Backend.CreateAsync(Caller, storage, None));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.BadRequest));
    }
}
