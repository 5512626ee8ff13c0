using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>storage ↔ Cinder volume through the gateway, checked in Cinder directly.</summary>
public sealed class StorageTests : GatewayTest
{
    protected override string PublicCidr => "172.24.101.0/24";

    [Test]
    public async Task A_storage_is_a_Cinder_volume_of_its_size_marked_as_the_gateways_and_goes_online()
    {
        var path = await CreateAsync("/storage/", Storage(1, "osvolnet data"));
        try
        {
            await UntilAsync(path, "occi.storage.state", "online");
            var volumes = await Demo.GatewayVolumesAsync(Tag);
            var volume = volumes.Single(v => v!["metadata"]!["occi_id"]?.GetValue<string>() == IdOf(path))!;
            Assert.That(volume["size"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(volume["name"]!.GetValue<string>(), Is.EqualTo("osvolnet data"));
            Assert.That(volume["status"]!.GetValue<string>(), Is.EqualTo("available"));
            Assert.That(await AttributeAsync(path, "occi.storage.state.message"), Is.EqualTo("Cinder volume status: available"));
        }
        finally
        {
            await DeleteWhenSettledAsync(path);
        }
        await OpenStackDirect.EventuallyAsync(async () => (await Demo.GatewayVolumesAsync(Tag)).Count(v => v!["metadata"]!["occi_id"]?.GetValue<string>() == IdOf(path)),
            n => n == 0, "the volume's removal from Cinder");
    }

    /// <summary>
    /// The loopback cloud's fake LVM driver has no extend (cinder-volume logs "'FakeBrickLVM' object has no attribute
    /// 'extend_volume'"): Cinder accepts os-extend and the volume ends error_extending. What the gateway can show is
    /// that it asked for exactly that and reports Cinder's outcome: state error, Cinder's status in the message.
    /// </summary>
    [Test]
    public async Task Resize_asks_Cinder_to_extend_the_volume_and_shows_its_outcome()
    {
        var path = await CreateAsync("/storage/", Storage(1));
        try
        {
            await UntilAsync(path, "occi.storage.state", "online");
            using var resize = await SendAsync(HttpMethod.Post, path + "?action=resize",
                OcciText.Action("storage", "resize") + "\nX-OCCI-Attribute: size=2");
            Assert.That(resize.StatusCode, Is.EqualTo(HttpStatusCode.OK), await resize.Content.ReadAsStringAsync());
            var message = await OpenStackDirect.EventuallyAsync(() => AttributeAsync(path, "occi.storage.state.message"),
                m => m is "Cinder volume status: available" or "Cinder volume status: error_extending", "Cinder's extend to finish");
            var volume = (await Demo.GatewayVolumesAsync(Tag)).Single(v => v!["metadata"]!["occi_id"]?.GetValue<string>() == IdOf(path))!;
            if (message == "Cinder volume status: available")
                Assert.That(volume["size"]!.GetValue<int>(), Is.EqualTo(2));
            else
                Assert.That(await AttributeAsync(path, "occi.storage.state"), Is.EqualTo("error"));
        }
        finally
        {
            await DeleteWhenSettledAsync(path);
        }
    }

    [Test]
    public async Task Shrinking_a_volume_is_a_conflict_and_changes_nothing()
    {
        var path = await CreateAsync("/storage/", Storage(2));
        try
        {
            await UntilAsync(path, "occi.storage.state", "online");
            using var resize = await SendAsync(HttpMethod.Post, path + "?action=resize",
                OcciText.Action("storage", "resize") + "\nX-OCCI-Attribute: size=1");
            Assert.That(resize.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await resize.Content.ReadAsStringAsync(), Does.Contain("only grow"));
            Assert.That(double.Parse((await AttributeAsync(path, "occi.storage.size"))!), Is.EqualTo(2));
        }
        finally
        {
            await DeleteWhenSettledAsync(path);
        }
    }

    [Test]
    public async Task Snapshot_takes_a_Cinder_snapshot_that_goes_with_the_storage()
    {
        var path = await CreateAsync("/storage/", Storage(1));
        var volumeId = "";
        try
        {
            await UntilAsync(path, "occi.storage.state", "online");
            volumeId = (await Demo.GatewayVolumesAsync(Tag)).Single(v => v!["metadata"]!["occi_id"]?.GetValue<string>() == IdOf(path))!["id"]!.GetValue<string>();
            using var snapshot = await SendAsync(HttpMethod.Post, path + "?action=snapshot", OcciText.Action("storage", "snapshot"));
            Assert.That(snapshot.StatusCode, Is.EqualTo(HttpStatusCode.OK), await snapshot.Content.ReadAsStringAsync());
            var snapshots = await OpenStackDirect.EventuallyAsync(() => SnapshotsOf(volumeId), s => s.All(x => x == "available") && s.Count == 1, "the snapshot");
            Assert.That(snapshots, Has.Count.EqualTo(1));
        }
        finally
        {
            await DeleteWhenSettledAsync(path);
        }
        await OpenStackDirect.EventuallyAsync(() => SnapshotsOf(volumeId), s => s.Count == 0, "the snapshot's removal with its volume");
    }

    [Test]
    public async Task The_query_interface_offers_resize_and_snapshot_and_no_backup_without_cinder_backup()
    {
        var model = await GetAsync("/-/");
        var storage = model.Split('\n').Single(l => l.StartsWith("Category: storage;", StringComparison.Ordinal));
        Assert.That(storage, Does.Contain("storage/action#resize").And.Contain("storage/action#snapshot"));
        Assert.That(storage, Does.Not.Contain("storage/action#backup").And.Not.Contain("storage/action#online"));
    }

    [Test]
    public async Task A_storage_of_no_size_is_refused_with_400_and_Cinder_gets_nothing()
    {
        var before = (await Demo.GatewayVolumesAsync(Tag)).Count;
        using var response = await SendAsync(HttpMethod.Post, "/storage/", OcciText.StorageCategory + "\nX-OCCI-Attribute: occi.storage.size=0");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("occi.storage.size"));
        Assert.That((await Demo.GatewayVolumesAsync(Tag)).Count, Is.EqualTo(before));
    }

    private async Task<List<string>> SnapshotsOf(string volumeId) =>
        (await Demo.GetAsync(Demo.Cinder("snapshots/detail?volume_id=" + volumeId)))!["snapshots"]!.AsArray()
            .Select(s => s!["status"]!.GetValue<string>()).ToList();
}
