using Microsoft.Extensions.DependencyInjection;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Infrastructure.Mixins;
using Occi.Server.Tests.Support;
using ComputeKind = Occi.Infrastructure.Kinds.Compute;
using OcciTemplates = Occi.Infrastructure.Mixins.Templates;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>The compute translator against the real Nova and Glance, as the demo account (authentication off).</summary>
[Category(OpenStackDirect.Category)]
public sealed class ComputeTests
{
    private const string OsScheme = "http://schemas.openstack.org/template/os#";
    private const string ResourceScheme = "http://schemas.openstack.org/template/resource#";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private static CancellationToken None => CancellationToken.None;

    private ServiceProvider _services = null!;
    private ICloudBackend _backend = null!;
    private OpenStackDirect _cloud = null!;

    [OneTimeSetUp]
    public async Task Open()
    {
        _services = OpenStackCloud.Services(OpenStackCloud.Configuration());
        _backend = _services.GetRequiredService<ICloudBackend>();
        _cloud = await OpenStackDirect.AsAsync();
    }

    [OneTimeTearDown]
    public async Task Close()
    {
        _cloud?.Dispose();
        if (_services is not null) await _services.DisposeAsync();
    }

    [Test]
    public async Task The_tiny_image_is_an_os_tpl_and_m1_tiny_a_resource_tpl_with_its_sizes()
    {
        var capabilities = await _backend.DescribeAsync(None);
        var imageId = await _cloud.TinyImageIdAsync();
        var os = capabilities.Mixins.Single(m => m.Id == new CategoryId(OsScheme, imageId));
        Assert.That(os.Title, Is.EqualTo("tiny"));
        Assert.That(os.Depends.Select(d => d.Id), Does.Contain(OcciTemplates.OsTpl.Id));
        var flavor = capabilities.Mixins.Single(m => m.Id == new CategoryId(ResourceScheme, OpenStackDirect.TinyFlavorId));
        Assert.That(flavor.Title, Does.StartWith("m1.tiny"));
        Assert.That(flavor.Attributes.TryGet(ComputeKind.Cores, out var cores) ? cores.Default?.AsNumber : null, Is.EqualTo(1));
        Assert.That(capabilities.Mixins.Select(m => m.Title ?? ""), Has.None.Contain(","));
    }

    [Test]
    public async Task A_compute_is_created_inactive_becomes_active_stops_starts_restarts_is_saved_and_deleted_leaving_nothing()
    {
        var imageId = await _cloud.TinyImageIdAsync();
        var entity = NewCompute(imageId);
        entity.Mixins.Add(Contextualization.SshKey.Id);
        entity.Attributes[Contextualization.SshPublicKey] = TestKeys.Ed25519;
        entity.Attributes[Contextualization.UserDataAttribute] = Convert.ToBase64String("#!/bin/sh\necho hi\n"u8);
        var snapshotName = "occi-test-save-" + entity.Id;
        try
        {
            var created = await _backend.CreateAsync(Caller.Anonymous, entity, None);
            Assert.That(created.BackendId, Is.Not.Null);
            Assert.That(created.Attributes.GetString(ComputeKind.State), Is.EqualTo("inactive"), "answered at once, while Nova builds");
            Assert.That(await _cloud.KeypairExistsAsync("occi-" + entity.Id), Is.True);

            Assert.That(await ReachesAsync(entity, "active"), Is.True, "active within the deadline");
            Assert.That(entity.Attributes.TryGet(ComputeKind.Cores, out var cores) ? cores.AsNumber : 0, Is.EqualTo(1));
            Assert.That(entity.Attributes.TryGet(ComputeKind.Memory, out var memory) ? memory.AsNumber : 0, Is.EqualTo(await TinyMemoryGiBAsync()));

            await Invoke(entity, ComputeKind.Stop);
            Assert.That(await ReachesAsync(entity, "inactive"), Is.True, "stopped");
            await Invoke(entity, ComputeKind.Start);
            Assert.That(await ReachesAsync(entity, "active"), Is.True, "started");
            await Invoke(entity, ComputeKind.Restart, [("method", "cold")]);
            Assert.That(await ReachesAsync(entity, "active"), Is.True, "restarted");
            await Invoke(entity, ComputeKind.Save, [("name", snapshotName)]);
            Assert.That(await OpenStackDirect.EventuallyAsync(async () => (await _cloud.ImagesNamedAsync(snapshotName)).Count == 1, Deadline), Is.True, "the snapshot is in Glance");
            var offered = await _backend.DescribeAsync(None);
            Assert.That(offered.Mixins.Where(m => m.Id.Scheme == OsScheme).Select(m => m.Title), Has.Some.StartsWith(snapshotName), "the saved image is an os_tpl after the next model refresh");

            await _backend.DeleteAsync(Caller.Anonymous, entity, None);
            Assert.That(await OpenStackDirect.EventuallyAsync(async () => await _cloud.ServerAsync(entity.BackendId!) is null, Deadline), Is.True, "the server is gone");
            Assert.That(await _cloud.KeypairExistsAsync("occi-" + entity.Id), Is.False, "the keypair went with it");
            Assert.That(await _backend.RefreshAsync(Caller.Anonymous, entity, ReadFreshness.Live, None), Is.False);
        }
        finally
        {
            await CleanUpAsync(entity, snapshotName);
        }
    }

    /// <summary>m1.tiny's memory as Nova states it (this cloud's m1.tiny is smaller than the usual 512 MiB).</summary>
    private async Task<double> TinyMemoryGiBAsync() =>
        Math.Round((await _cloud.GetAsync(OpenStackDirect.Nova + "flavors/" + OpenStackDirect.TinyFlavorId))!["flavor"]!["ram"]!.GetValue<int>() / 1024.0, 3);

    private Resource NewCompute(string imageId)
    {
        var entity = new Resource { Id = Guid.NewGuid().ToString(), Kind = ComputeKind.Kind.Id, Location = "/compute/test" };
        entity.Mixins.Add(new CategoryId(OsScheme, imageId));
        entity.Mixins.Add(new CategoryId(ResourceScheme, OpenStackDirect.TinyFlavorId));
        return entity;
    }

    private Task Invoke(Entity entity, OcciAction action, params (string Name, string Value)[] attributes)
    {
        var invocation = new ActionInvocation(action.Id);
        foreach (var (name, value) in attributes) invocation.Attributes[name] = value;
        return _backend.InvokeAsync(Caller.Anonymous, entity, invocation, None);
    }

    private Task<bool> ReachesAsync(Entity entity, string state) =>
        OpenStackDirect.EventuallyAsync(async () =>
            await _backend.RefreshAsync(Caller.Anonymous, entity, ReadFreshness.Live, None)
            && entity.Attributes.GetString(ComputeKind.State) == state
            && entity.Attributes.GetString(ComputeKind.StateMessage) == (state == "active" ? "ACTIVE" : "SHUTOFF"), Deadline);

    private async Task CleanUpAsync(Entity entity, string snapshotName)
    {
        await _cloud.RemoveAsync(entity.BackendId, entity.Id, snapshotName);
        Assert.That(await _cloud.ImagesNamedAsync(snapshotName), Is.Empty);
    }
}
