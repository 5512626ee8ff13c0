using System.Net;
using Occi.Backends.Synnefo.Tests.Simulator;
using Occi.Server.Tests.Support;

namespace Occi.Backends.Synnefo.Tests.Gateway;

/// <summary>
/// storage ↔ Cyclades volume, storagelink ↔ volume attachment, through the gateway over HTTP against the simulated
/// Cyclades block storage; what Cyclades holds is checked after each step.
/// </summary>
public sealed class VolumeTests : ResourceGatewayTest
{
    private static string Storage(double size) => OcciText.StorageCategory + $"\nX-OCCI-Attribute: occi.storage.size={size}";

    private SimVolume VolumeOf(string path)
    {
        lock (Cloud.Volumes.Gate) return Cloud.Volumes.Volumes.Values.Single(v => v.Metadata.GetValueOrDefault("occi_id") == IdOf(path));
    }

    [Test]
    public async Task A_storage_is_a_Cyclades_volume_of_that_size_marked_as_the_gateways_and_goes_with_its_delete()
    {
        var path = await CreateAsync("/storage/", Storage(3));

        var volume = VolumeOf(path);
        Assert.That((volume.Owner, volume.Size, volume.Name, volume.ServerId), Is.EqualTo((User, 3L, "occi-" + IdOf(path), (string?)null)));
        Assert.That(volume.Metadata["occi_gateway"], Is.EqualTo("occigateway"));
        var text = await GetAsync(path);
        Assert.That(double.Parse(OcciText.Attribute(text, "occi.storage.size")!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(3));
        Assert.That(OcciText.Attribute(text, "occi.storage.state"), Is.EqualTo("online"), "AVAILABLE once Cyclades has made it");

        await DeleteAsync(path);
    }

    [Test]
    public async Task A_storagelink_attaches_the_volume_to_the_server_and_its_delete_detaches_it()
    {
        var storage = await CreateAsync("/storage/", Storage(2));
        await GetAsync(storage); // Cyclades has made it: AVAILABLE
        var compute = await ActiveComputeAsync();

        var link = await CreateAsync("/link/storagelink/", Link("storagelink", compute, storage));

        Assert.That(VolumeOf(storage).ServerId, Is.EqualTo(ServerIdOf(compute)));
        Assert.That(await AttributeAsync(link, "occi.storagelink.state"), Is.EqualTo("active"));

        await DeleteAsync(link);
        Assert.That(VolumeOf(storage).ServerId, Is.Null);
        await DeleteAsync(compute);
        await DeleteAsync(storage);
    }

    [Test]
    public async Task Deleting_a_linked_storage_detaches_the_volume_and_deletes_it_with_its_link()
    {
        var storage = await CreateAsync("/storage/", Storage(1));
        await GetAsync(storage);
        var compute = await ActiveComputeAsync();
        var link = await CreateAsync("/link/storagelink/", Link("storagelink", compute, storage));

        await DeleteAsync(storage);

        Assert.That(Cloud.Volumes.HoldsNothingOf(User), Is.True, "the volume is detached, then deleted");
        var (status, _) = await Gateway.AskAsync(HttpMethod.Get, link);
        Assert.That(status, Is.EqualTo(HttpStatusCode.NotFound), "the link goes with its storage");
        await DeleteAsync(compute);
    }

    [Test]
    public async Task A_storagelink_to_a_storage_Cyclades_is_still_making_is_409_and_attaches_nothing()
    {
        var compute = await ActiveComputeAsync();
        Cloud.Volumes.HoldCreating = true;
        var storage = await CreateAsync("/storage/", Storage(1));

        var (status, body, _) = await PostAsync("/link/storagelink/", Link("storagelink", compute, storage));

        Cloud.Volumes.HoldCreating = false;
        Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict), body);
        Assert.That(VolumeOf(storage).ServerId, Is.Null);
        await DeleteAsync(compute);
        await GetAsync(storage);
        await DeleteAsync(storage);
    }

    [Test]
    public async Task A_storagelink_naming_a_device_is_refused_with_400_since_Cyclades_names_none()
    {
        var storage = await CreateAsync("/storage/", Storage(1));
        await GetAsync(storage);
        var compute = await ActiveComputeAsync();

        var (status, body, _) = await PostAsync("/link/storagelink/", Link("storagelink", compute, storage, "X-OCCI-Attribute: occi.storagelink.deviceid=\"/dev/vdb\""));

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(VolumeOf(storage).ServerId, Is.Null);
        await DeleteAsync(compute);
        await DeleteAsync(storage);
    }

    [Test]
    public async Task A_size_change_is_409_since_Cyclades_cannot_resize_and_the_volume_keeps_its_size()
    {
        var storage = await CreateAsync("/storage/", Storage(2));
        await GetAsync(storage);

        var (status, body, _) = await PostAsync(storage, Storage(5));

        Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict), body);
        Assert.That(VolumeOf(storage).Size, Is.EqualTo(2));
        Assert.That(double.Parse((await AttributeAsync(storage, "occi.storage.size"))!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(2));
        await DeleteAsync(storage);
    }

    [Test]
    public async Task The_snapshot_action_makes_a_Cyclades_snapshot_of_the_volume_and_resize_is_not_offered()
    {
        var storage = await CreateAsync("/storage/", Storage(2));
        await GetAsync(storage);

        var (status, body, _) = await PostAsync(storage + "?action=snapshot", OcciText.Action("storage", "snapshot"));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        lock (Cloud.Volumes.Gate)
            Assert.That(Cloud.Volumes.Snapshots.Values.Single(s => s.VolumeId == VolumeOf(storage).Id).Name, Does.StartWith("occi-" + IdOf(storage)));
        var (resize, why, _) = await PostAsync(storage + "?action=resize", OcciText.Action("storage", "resize") + "\nX-OCCI-Attribute: size=4");
        Assert.That((int)resize, Is.InRange(400, 499), why);
        Assert.That(VolumeOf(storage).Size, Is.EqualTo(2));
        lock (Cloud.Volumes.Gate) Cloud.Volumes.Snapshots.Clear();
        await DeleteAsync(storage);
    }

    [Test]
    public async Task A_storage_past_the_users_disk_quota_is_409_naming_the_resource_and_makes_no_volume()
    {
        // cyclades.disk counts servers' disks and volumes, in bytes.
        Cloud.Quotas.SetLimit(User, "cyclades.disk", 4L << 30);

        var (status, body, _) = await PostAsync("/storage/", Storage(5));

        Assert.That(status, Is.EqualTo(HttpStatusCode.Conflict), body);
        Assert.That(body, Does.Contain("cyclades.disk"));
        Assert.That(Cloud.Volumes.HoldsNothingOf(User), Is.True);
        Assert.That(OcciText.Locations(await GetAsync("/storage/")), Is.Empty, "no storage is stored");
    }
}
