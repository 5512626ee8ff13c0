using Occi.Backends.Libvirt.Client;
using Occi.Backends.Libvirt.Xml;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Infrastructure.Mixins;

namespace Occi.Backends.Libvirt.Tests;

/// <summary>
/// A storage pool without room for what a create needs: a clear OCCI error naming the pool and the sizes,
/// and nothing left behind. Each test gets a pool of its own on the test driver (a fixed 100 GiB, none in use)
/// and a backend whose storage and image pool it is, so filling it disturbs no other test.
/// </summary>
public sealed class PoolFullTests
{
    private const ulong GiB = 1UL << 30;

    private LibvirtConnection _keeper = null!;
    private LibvirtStoragePool _pool = null!;
    private LibvirtOptions _options = null!;
    private LibvirtBackend _backend = null!;

    private static Core.BackendContracts.Caller Caller => Core.BackendContracts.Caller.Anonymous;
    private static CancellationToken None => CancellationToken.None;

    [SetUp]
    public void OpenSmallPool()
    {
        _keeper = TestDriver.Open();
        var name = "occi-full-" + Guid.NewGuid().ToString("N")[..8];
        _pool = _keeper.CreateTransientStoragePool(name, $"<pool type='dir'><name>{name}</name><target><path>/{name}</path></target></pool>", build: false);
        _options = TestDriver.Options();
        _options.StoragePool = name;
        _options.ImagePool = name;
        _backend = new LibvirtBackend(_options);
    }

    [TearDown]
    public void ClosePool()
    {
        _backend?.Dispose();
        if (_pool is not null)
        {
            foreach (var v in _pool.ListVolumes()) using (v) v.Delete();
            _pool.Destroy();
            _pool.Dispose();
        }
        _keeper?.Dispose();
    }

    [Test]
    public async Task A_storage_larger_than_the_free_space_is_a_conflict_naming_the_pool_and_the_sizes()
    {
        var free = _pool.Info.Available / GiB;
        var storage = TestDriver.Storage(free + 1);
        var e = await Fails(() => _backend.CreateAsync(Caller, storage, None));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
        Assert.That(e.Message, Does.Contain($"'{_pool.Name}'").And.Contain($"{free + 1} GiB").And.Contain($"{free} GiB free"));
    }

    [Test]
    public async Task A_storage_larger_than_the_free_space_leaves_no_volume()
    {
        var before = Volumes();
        var storage = TestDriver.Storage(_pool.Info.Available / GiB + 1);
        await Fails(() => _backend.CreateAsync(Caller, storage, None));
        Assert.That(Volumes(), Is.EquivalentTo(before));
        Assert.That(_pool.Info.Allocation, Is.Zero);
    }

    [Test]
    public async Task After_a_pool_full_failure_a_storage_that_fits_is_created()
    {
        await Fails(() => _backend.CreateAsync(Caller, TestDriver.Storage(_pool.Info.Available / GiB + 1), None));
        var storage = TestDriver.Storage(1);
        await _backend.CreateAsync(Caller, storage, None);
        Assert.That(Volumes(), Is.EquivalentTo(new[] { storage.BackendId }));
    }

    [Test]
    public async Task A_compute_whose_boot_disk_clone_does_not_fit_is_a_conflict_naming_the_pool()
    {
        var template = await ImageTemplate(60);
        var compute = TestDriver.Compute(template);
        var e = await Fails(() => _backend.CreateAsync(Caller, compute, None));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
        Assert.That(e.Message, Does.Contain($"'{_pool.Name}'").And.Contain(EntityNames.BootVolume(compute.Id)).And.Contain("60 GiB"));
    }

    [Test]
    public async Task A_compute_whose_boot_disk_clone_does_not_fit_leaves_no_domain_and_no_volume()
    {
        var template = await ImageTemplate(60);
        var before = Volumes();
        var compute = TestDriver.Compute(template);
        await Fails(() => _backend.CreateAsync(Caller, compute, None));
        Assert.That(Volumes(), Is.EquivalentTo(before));
        Assert.That(_keeper.FindDomain(Guid.Parse(compute.Id)), Is.Null);
        Assert.That(_keeper.FindDomainByName(EntityNames.Domain(compute.Id)), Is.Null);
    }

    [Test]
    public async Task A_compute_whose_cloud_init_seed_does_not_fit_is_a_conflict_and_leaves_no_domain_and_no_volume()
    {
        // The boot clone (30 GiB) takes the last free space, the seed ISO after it finds none:
        // the clone made first must go too.
        var template = await ImageTemplate(30);
        using (_pool.CreateVolume(VolumeXml.Blank("filler", _pool.Info.Available - 30 * GiB, "raw"))) { }
        var before = Volumes();
        var compute = TestDriver.Compute(template, Contextualization.SshKey.Id);
        compute.Attributes[Contextualization.SshPublicKey] = "ssh-ed25519 AAAA test";

        var e = await Fails(() => _backend.CreateAsync(Caller, compute, None));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.Conflict));
        Assert.That(e.Message, Does.Contain($"'{_pool.Name}'").And.Contain(EntityNames.ContextVolume(compute.Id)));
        Assert.That(Volumes(), Is.EquivalentTo(before));
        Assert.That(_keeper.FindDomain(Guid.Parse(compute.Id)), Is.Null);
    }

    [Test]
    public async Task A_compute_refused_for_a_full_pool_is_absent_from_the_inventory()
    {
        var compute = TestDriver.Compute(await ImageTemplate(60));
        await Fails(() => _backend.CreateAsync(Caller, compute, None));
        var ids = new List<string>();
        await foreach (var id in _backend.InventoryAsync(Infrastructure.Kinds.Compute.Kind.Id, None)) ids.Add(id);
        Assert.That(ids, Does.Not.Contain(compute.Id));
        Assert.That(await _backend.RefreshAsync(Caller, compute, ReadFreshness.Live, None), Is.False);
    }

    [Test]
    public void A_disk_full_system_error_from_storage_is_not_retried_as_a_lost_connection()
    {
        // A directory pool filling up reports ENOSPC as a system error of the storage driver (virErrorDomain 18).
        using var host = new LibvirtHost(_options);
        var calls = 0;
        var e = Assert.ThrowsAsync<LibvirtException>(() => host.CallAsync<int>(_ =>
        {
            calls++;
            throw new LibvirtException(LibvirtErrorCode.SystemError, 18, "cannot fill file '/pool/v': No space left on device", "virStorageVolCreateXML");
        }, None));
        Assert.That(e!.IsTransient, Is.False);
        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public async Task A_system_error_of_the_rpc_layer_is_still_a_lost_connection_and_retried()
    {
        using var host = new LibvirtHost(_options);
        var calls = 0;
        var type = await host.CallAsync(c =>
        {
            if (++calls == 1) throw new LibvirtException(LibvirtErrorCode.SystemError, 7, "Cannot recv data: Connection reset by peer", "virDomainGetState");
            return c.DriverType;
        }, None);
        Assert.That(type, Is.EqualTo("TEST").IgnoreCase);
        Assert.That(calls, Is.EqualTo(2));
    }

    /// <summary>An image of <paramref name="sizeGiB"/> in the pool, and the os_tpl mixin the backend offers for it.</summary>
    private async Task<Core.Model.CategoryId> ImageTemplate(ulong sizeGiB)
    {
        var imageName = "image-" + Guid.NewGuid().ToString("N")[..8] + ".qcow2";
        _pool.CreateVolume(VolumeXml.Blank(imageName, sizeGiB * GiB, "qcow2")).Dispose();
        var capabilities = await _backend.DescribeAsync(None);
        return capabilities.Mixins.Single(m => m.Scheme == _options.OsTemplateScheme && m.Title!.StartsWith(imageName, StringComparison.Ordinal)).Id;
    }

    private List<string> Volumes()
    {
        var names = new List<string>();
        foreach (var v in _pool.ListVolumes()) using (v) names.Add(v.Name);
        return names;
    }

    private static async Task<OcciException> Fails(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (OcciException e)
        {
            return e;
        }
        Assert.Fail("expected an OcciException");
        throw new InvalidOperationException();
    }
}
