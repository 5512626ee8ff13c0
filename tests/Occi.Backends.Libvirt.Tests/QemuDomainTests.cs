using Occi.Backends.Libvirt.Client;
using Occi.Backends.Libvirt.Native;
using Occi.Infrastructure.Kinds;

namespace Occi.Backends.Libvirt.Tests;

/// <summary>
/// A real, tiny domain on a qemu driver (KVM when the host offers it, else TCG): create, stop, start,
/// grow and hot-plug a volume, delete. Runs where OCCI_TEST_LIBVIRT_URI (default qemu:///session) opens
/// and can run a domain; otherwise every test is ignored with the reason.
/// </summary>
[NonParallelizable]
public sealed class QemuDomainTests
{
    private LibvirtConnection _connection = null!;
    private LibvirtStoragePool _pool = null!;
    private LibvirtBackend _backend = null!;
    private string _poolDirectory = null!;

    private static Core.BackendContracts.Caller Caller => Core.BackendContracts.Caller.Anonymous;
    private static CancellationToken None => CancellationToken.None;

    [OneTimeSetUp]
    public void OpenQemu()
    {
        if (!LibvirtLibrary.IsAvailable) Assert.Ignore($"libvirt is not available: {LibvirtLibrary.UnavailableReason}");
        var uri = Environment.GetEnvironmentVariable("OCCI_TEST_LIBVIRT_URI") is { Length: > 0 } u ? u : "qemu:///session";
        try
        {
            _connection = LibvirtConnection.Open(uri);
        }
        catch (LibvirtException e)
        {
            Assert.Ignore($"no qemu driver reachable at {uri} (needs libvirt-daemon-system, qemu-system-x86 and a running libvirtd): {e.LibvirtMessage}");
        }
        if (!string.Equals(_connection.DriverType, "QEMU", StringComparison.OrdinalIgnoreCase))
            Assert.Ignore($"{uri} is a {_connection.DriverType} driver, not qemu");

        var name = "occi-test-" + Guid.NewGuid().ToString("N")[..8];
        _poolDirectory = Path.Combine(Path.GetTempPath(), name);
        try
        {
            _pool = _connection.CreateTransientStoragePool(name,
                $"<pool type='dir'><name>{name}</name><target><path>{_poolDirectory}</path></target></pool>");
        }
        catch (LibvirtException e)
        {
            _connection.Dispose();
            Assert.Ignore($"cannot create a directory pool on {uri}: {e.LibvirtMessage}");
        }
        _backend = new LibvirtBackend(new LibvirtOptions { Uri = uri, StoragePool = name, ImagePool = name, TimeoutSeconds = 120 });
    }

    [OneTimeTearDown]
    public void CloseQemu()
    {
        _backend?.Dispose();
        if (_pool is not null)
        {
            foreach (var v in _pool.ListVolumes()) using (v) v.Delete();
            _pool.Destroy();
            _pool.Dispose();
        }
        _connection?.Dispose();
        if (_poolDirectory is not null && Directory.Exists(_poolDirectory)) Directory.Delete(_poolDirectory, recursive: true);
    }

    /// <summary>A domain with no bootable disk still runs (the firmware waits), which is all these tests need.</summary>
    private async Task<Core.Model.Resource> RunningCompute(Action<Core.Model.Resource>? configure = null)
    {
        var compute = TestDriver.Compute();
        configure?.Invoke(compute);
        compute.Attributes[Compute.Cores] = 1;
        compute.Attributes[Compute.Memory] = 0.125;
        try
        {
            await _backend.CreateAsync(Caller, compute, None);
        }
        catch (Core.OcciException e)
        {
            Assert.Ignore($"the qemu driver cannot start a domain here: {e.Message}");
        }
        return compute;
    }

    [Test]
    public async Task A_real_domain_is_created_running_and_deleted()
    {
        var compute = await RunningCompute();
        Assert.That(TestDriver.ComputeState(compute), Is.EqualTo("active"));
        await _backend.DeleteAsync(Caller, compute, None);
        Assert.That(_connection.FindDomain(Guid.Parse(compute.Id)), Is.Null);
    }

    [Test]
    public async Task A_real_domain_powers_off_and_starts_again()
    {
        var compute = await RunningCompute();
        try
        {
            var stop = new Core.Model.ActionInvocation(Compute.Stop.Id);
            stop.Attributes["method"] = "poweroff";
            await _backend.InvokeAsync(Caller, compute, stop, None);
            Assert.That(TestDriver.ComputeState(compute), Is.EqualTo("inactive"));
            await _backend.InvokeAsync(Caller, compute, new Core.Model.ActionInvocation(Compute.Start.Id), None);
            Assert.That(TestDriver.ComputeState(compute), Is.EqualTo("active"));
        }
        finally
        {
            await _backend.DeleteAsync(Caller, compute, None);
        }
    }

    [Test]
    public async Task A_real_volume_grows_on_resize()
    {
        var storage = await _backend.CreateAsync(Caller, TestDriver.Storage(1), None);
        var resize = new Core.Model.ActionInvocation(Storage.Resize.Id);
        resize.Attributes["size"] = 2.0;
        await _backend.InvokeAsync(Caller, storage, resize, None);
        Assert.That(storage.Attributes[Storage.Size].AsNumber, Is.EqualTo(2));
        await _backend.DeleteAsync(Caller, storage, None);
    }

    [Test]
    public async Task A_volume_is_hot_plugged_into_a_running_domain_and_unplugged()
    {
        var compute = await RunningCompute();
        var storage = await _backend.CreateAsync(Caller, TestDriver.Storage(1), None);
        try
        {
            var link = await _backend.CreateAsync(Caller, TestDriver.Link(StorageLink.Kind.Id, compute, storage), None);
            Assert.That(TestDriver.State(link, StorageLink.State), Is.EqualTo("active"));
            await _backend.DeleteAsync(Caller, link, None);
            using var domain = _connection.FindDomain(Guid.Parse(compute.Id))!;
            Assert.That(domain.InactiveXml, Does.Not.Contain(storage.BackendId!));
        }
        finally
        {
            await _backend.DeleteAsync(Caller, compute, None);
            await _backend.DeleteAsync(Caller, storage, None);
        }
    }

    [Test]
    public async Task A_contextualized_domain_gets_a_cloud_init_seed_that_delete_removes()
    {
        var compute = await RunningCompute(c =>
        {
            c.Mixins.Add(Infrastructure.Mixins.Contextualization.SshKey.Id);
            c.Attributes[Infrastructure.Mixins.Contextualization.SshPublicKey] = "ssh-ed25519 AAAA test@example";
        });
        var seedName = EntityNames.ContextVolume(compute.Id);
        using (var seed = _pool.FindVolume(seedName))
        {
            Assert.That(seed, Is.Not.Null);
            using var domain = _connection.FindDomain(Guid.Parse(compute.Id))!;
            Assert.That(domain.Xml, Does.Contain("device=\"cdrom\"").Or.Contain("device='cdrom'"));
            Assert.That(domain.Xml, Does.Contain(seed!.Path));
        }
        await _backend.DeleteAsync(Caller, compute, None);
        Assert.That(_pool.FindVolume(seedName), Is.Null);
    }
}
