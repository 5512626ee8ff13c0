using Occi.Backends.Libvirt.Client;
using Occi.Core;

namespace Occi.Backends.Libvirt.Tests;

/// <summary>
/// Which pools the backend works in when Occi:Libvirt:StoragePool / ImagePool are left empty (the defaults),
/// and the messages when the configuration does not fit the host. The test driver has one active pool,
/// "default-pool"; tests that need more add transient ones and remove them.
/// </summary>
public sealed class PoolChoiceTests : BackendFixture
{
    private readonly List<LibvirtStoragePool> _extra = [];

    [TearDown]
    public void RemoveExtraPools()
    {
        foreach (var p in _extra)
        {
            p.Destroy();
            p.Dispose();
        }
        _extra.Clear();
    }

    private void AddPool(string name) =>
        _extra.Add(Keeper.CreateTransientStoragePool(name, $"<pool type='dir'><name>{name}</name><target><path>/{name}</path></target></pool>", build: false));

    private static LibvirtOptions Defaults() => new() { Uri = TestDriver.Uri, RetryDelaySeconds = 0.01 };

    [Test]
    public void The_defaults_leave_both_pools_to_be_chosen()
    {
        Assert.That((new LibvirtOptions().StoragePool, new LibvirtOptions().ImagePool), Is.EqualTo(("", "")));
    }

    [Test]
    public async Task Without_configured_pools_the_hosts_only_active_pool_holds_volumes_and_images()
    {
        using var backend = new LibvirtBackend(Defaults());
        Assert.That(await backend.CheckPoolsAsync(None), Is.EqualTo("test:///default: storage pool 'default-pool', image pool 'default-pool'"));
        var storage = TestDriver.Storage(1);
        await backend.CreateAsync(Caller, storage, None);
        using var pool = Keeper.FindStoragePool(TestDriver.Pool)!;
        using var volume = pool.FindVolume(EntityNames.StorageVolume(storage.Id));
        Assert.That(volume, Is.Not.Null, "the volume is in the only pool");
        await backend.DeleteAsync(Caller, storage, None);
    }

    [Test]
    public async Task Among_several_active_pools_the_one_named_default_is_chosen_and_a_pool_named_images_holds_images()
    {
        AddPool("default");
        AddPool("images");
        using var backend = new LibvirtBackend(Defaults());
        Assert.That(await backend.CheckPoolsAsync(None), Is.EqualTo("test:///default: storage pool 'default', image pool 'images'"));
    }

    [Test]
    public async Task Several_active_pools_and_none_named_default_fail_naming_every_pool()
    {
        var other = "occi-other-" + Guid.NewGuid().ToString("N")[..8];
        AddPool(other);
        using var backend = new LibvirtBackend(Defaults());
        var e = await Fails(() => backend.DescribeAsync(None));
        Assert.That(e.Kind, Is.EqualTo(OcciErrorKind.BackendFailure));
        Assert.That(e.Message, Does.Contain("Occi:Libvirt:StoragePool is not set").And.Contain("default-pool (active)").And.Contain($"{other} (active)"));
    }

    [TestCase("StoragePool")]
    [TestCase("ImagePool")]
    public async Task A_configured_pool_that_does_not_exist_fails_the_description_naming_the_existing_pools(string key)
    {
        var options = Defaults();
        if (key == "StoragePool") options.StoragePool = "no-such-pool";
        else options.ImagePool = "no-such-pool";
        using var backend = new LibvirtBackend(options);
        var e = await Fails(() => backend.DescribeAsync(None));
        Assert.That(e.Message, Is.EqualTo(
            $"libvirt storage pool 'no-such-pool' (Occi:Libvirt:{key}) does not exist on test:///default; its storage pools: default-pool (active)"));
        var health = await new LibvirtHealthCheck(backend).CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());
        Assert.That(health.Status, Is.EqualTo(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy));
        Assert.That(health.Description, Is.EqualTo(e.Message));
    }

    [Test]
    public async Task Explicit_pools_are_used_as_configured()
    {
        var mine = "occi-mine-" + Guid.NewGuid().ToString("N")[..8];
        AddPool(mine);
        var options = Defaults();
        options.StoragePool = mine;
        options.ImagePool = TestDriver.Pool;
        using var backend = new LibvirtBackend(options);
        Assert.That(await backend.CheckPoolsAsync(None), Is.EqualTo($"test:///default: storage pool '{mine}', image pool '{TestDriver.Pool}'"));
    }
}
