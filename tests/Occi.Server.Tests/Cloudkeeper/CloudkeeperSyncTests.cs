using System.Net;
using Google.Protobuf.WellKnownTypes;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests.Cloudkeeper;

/// <summary>
/// Issue 16: the core's syncs, as it makes them, against the simulator: a new image list, then a known one with
/// an update, a removal and an expiry; the query interface shows exactly the appliances left, as os_tpl mixins with
/// their AppDB attributes, under terms that do not change; computes boot from them; all of it survives a restart.
/// </summary>
public class CloudkeeperSyncTests : CloudkeeperTest
{
    [Test]
    public async Task A_new_image_list_becomes_one_os_tpl_mixin_per_appliance_with_its_AppDB_attributes()
    {
        await FirstSyncAsync();

        var mixins = await ApplianceMixinsAsync();
        Assert.That(mixins.Keys, Is.EquivalentTo(new[] { TermOf(A), TermOf(B), TermOf(C) }));
        var a = mixins[TermOf(A)];
        Assert.That(a.Title, Is.EqualTo("Ubuntu 24.04  minimal"), "no comma in a title: rOCCI-cli splits on every one");
        Assert.That(a.Attributes, Does.ContainKey("eu.egi.fedcloud.appliance.appdb.id").WithValue(A));
        Assert.That(a.Attributes, Does.ContainKey("eu.egi.fedcloud.appliance.appdb.mpuri").WithValue($"https://appdb.egi.eu/store/vm/image/{A}:1.0/"));
        Assert.That(a.Attributes, Does.ContainKey("eu.egi.fedcloud.appliance.appdb.base_mpuri").WithValue($"https://appdb.egi.eu/store/vm/image/{A}/"));
        Assert.That(a.Attributes, Does.ContainKey("eu.egi.fedcloud.appliance.appdb.version").WithValue("1.0"));
        Assert.That(a.Attributes, Does.ContainKey("eu.egi.fedcloud.appliance.appdb.operating_system").WithValue("Linux"));
        Assert.That(a.Attributes, Does.ContainKey("eu.egi.fedcloud.appliance.appdb.image_list.id").WithValue(ListA));
        Assert.That(a.Attributes, Does.ContainKey("eu.egi.fedcloud.appliance.appdb.appid").WithValue("1234"));
        Assert.That(a.Attributes, Does.ContainKey("eu.egi.fedcloud.appliance.appdb.vo").WithValue("fedcloud.egi.eu"));
        Assert.That(a.Attributes, Does.Not.ContainKey("eu.egi.fedcloud.appliance.deprecated"));
    }

    [Test]
    public async Task A_known_image_list_sync_updates_one_removes_one_expires_one_and_leaves_exactly_the_rest()
    {
        await FirstSyncAsync();

        // The next run: the list is known, so the core compares what the gateway holds with the image list.
        Assert.That(await Core.ImageListsAsync(), Is.EqualTo(new[] { ListA }));
        var held = await Core.AppliancesAsync(ListA);
        Assert.That(held.Select(x => x.Identifier), Is.EquivalentTo(new[] { A, B, C }));
        Assert.That(held.All(x => x.Image is { Digest.Length: > 0 }), Is.True, "the core crashes on an appliance without image and digest");
        Assert.That(held.Single(x => x.Identifier == A).Image.Checksum, Is.EqualTo(CloudkeeperCore.Sha512(ImageBytes(1))));

        await Core.UpdateAsync(Core.Appliance(A, ListA, "Ubuntu 24.04 minimal", ImageBytes(11), version: "1.1"));
        await Core.Client.RemoveApplianceAsync(held.Single(x => x.Identifier == B));
        Clock.Advance(TimeSpan.FromMinutes(2)); // past C's expiry, short of a real cloud's token renewal (the clock is everyone's)
        await Core.Client.RemoveExpiredAppliancesAsync(new Empty());

        var mixins = await ApplianceMixinsAsync();
        Assert.That(mixins.Keys, Is.EqualTo(new[] { TermOf(A) }), "the updated appliance keeps its term; the removed and the expired are gone");
        Assert.That(mixins[TermOf(A)].Attributes, Does.ContainKey("eu.egi.fedcloud.appliance.appdb.version").WithValue("1.1"));
        var after = await Core.AppliancesAsync(ListA);
        Assert.That(after.Select(x => x.Identifier), Is.EqualTo(new[] { A }));
        Assert.That(after[0].Image.Checksum, Is.EqualTo(CloudkeeperCore.Sha512(ImageBytes(11))));
    }

    [Test]
    public async Task UpdateApplianceMetadata_comes_without_an_image_and_keeps_the_registered_one()
    {
        await FirstSyncAsync();
        var changed = Core.Appliance(A, ListA, "Ubuntu 24.04 LTS", ImageBytes(1), version: "1.0");
        changed.Image = null;

        await Core.Client.UpdateApplianceMetadataAsync(changed);

        Assert.That((await ApplianceMixinsAsync())[TermOf(A)].Title, Is.EqualTo("Ubuntu 24.04 LTS"));
        var held = (await Core.AppliancesAsync(ListA)).Single(x => x.Identifier == A);
        Assert.That(held.Image.Checksum, Is.EqualTo(CloudkeeperCore.Sha512(ImageBytes(1))));
    }

    [Test]
    public async Task RemoveImageList_withdraws_every_appliance_of_the_list()
    {
        await FirstSyncAsync();

        await Core.Client.RemoveImageListAsync(new Occi.Server.Cloudkeeper.Protocol.ImageListIdentifier { ImageListIdentifier_ = ListA });

        Assert.That(await ApplianceMixinsAsync(), Is.Empty);
        Assert.That(await Core.ImageListsAsync(), Is.Empty);
    }

    [Test]
    public async Task A_compute_created_from_an_appliance_mixin_boots_and_keeps_the_image_deprecated_until_it_is_deleted()
    {
        await FirstSyncAsync();
        var created = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory + $"\nCategory: {TermOf(A)}; scheme=\"{Scheme}\"; class=\"mixin\"");
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var compute = created.Headers.Location!.AbsolutePath;
        await AssertBootsFromAsync(compute, A);

        await Core.Client.RemoveApplianceAsync((await Core.AppliancesAsync(ListA)).Single(x => x.Identifier == A));

        var kept = await ApplianceMixinsAsync();
        Assert.That(kept[TermOf(A)].Attributes, Does.ContainKey("eu.egi.fedcloud.appliance.deprecated").WithValue("true"));
        Assert.That((await Core.AppliancesAsync(ListA)).Select(x => x.Identifier), Is.EquivalentTo(new[] { B, C }), "the core no longer sees it");

        var deleted = await SendAsync(HttpMethod.Delete, compute);
        Assert.That(deleted.IsSuccessStatusCode, Is.True, await deleted.Content.ReadAsStringAsync());
        await ComputeGoneAsync();
        Clock.Advance(TimeSpan.FromSeconds(300)); // Occi:Cloudkeeper:ReconcileSeconds
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await ApplianceMixinsAsync()).ContainsKey(TermOf(A)) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.That((await ApplianceMixinsAsync()).Keys, Is.EquivalentTo(new[] { TermOf(B), TermOf(C) }), "reconciliation removed it once released");
        await AssertImageGoneAsync(A);
    }

    [Test]
    public async Task The_appliances_survive_a_restart_and_the_OCCI_port_keeps_its_urls()
    {
        await FirstSyncAsync();

        await RestartAsync();

        Assert.That((await ApplianceMixinsAsync()).Keys, Is.EquivalentTo(new[] { TermOf(A), TermOf(B), TermOf(C) }));
        Assert.That(await Core.ImageListsAsync(), Is.EqualTo(new[] { ListA }));
        Assert.That(Server.BaseAddress.Host, Is.EqualTo("127.0.0.1"), "the OCCI port is where --urls said");
        Assert.That(Server.BaseAddress.Port, Is.Not.EqualTo(GrpcPort));
    }

    /// <summary>What a compute booted from an appliance shows (the simulator: it is active and carries the mixin).</summary>
    protected virtual async Task AssertBootsFromAsync(string compute, string appliance)
    {
        var body = await (await SendAsync(HttpMethod.Get, compute)).Content.ReadAsStringAsync();
        Assert.That(body, Does.Contain("occi.compute.state=\"active\""));
        Assert.That(body, Does.Contain($"Category: {TermOf(appliance)}; scheme=\"{Scheme}\""));
    }

    /// <summary>Waits until the cloud let go of the compute just deleted (a real cloud deletes in the background).</summary>
    protected virtual Task ComputeGoneAsync() => Task.CompletedTask;

    /// <summary>The backend no longer holds the appliance's image.</summary>
    protected virtual Task AssertImageGoneAsync(string appliance)
    {
        Assert.That(Directory.Exists(Path.Combine(Server.DataPath, "local-appliances", TermOf(appliance))), Is.False);
        return Task.CompletedTask;
    }

    protected async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null)
    {
        var request = Server.Request(method, path);
        if (body is not null) request.Content = RunningServer.TextPlain(body);
        return await Server.Client.SendAsync(request);
    }
}

/// <summary>
/// Issue 16: a sync killed mid-way. The process died inside AddAppliance after the backend took the image and
/// before the catalog's journal line was whole: at the next start the image no catalog entry names is removed, and
/// the core's repeated sync converges to the same appliances as an uninterrupted one.
/// </summary>
public sealed class CloudkeeperCrashTests : CloudkeeperTest
{
    private const string D = "d4c3b2a1-0f9e-4d8c-8b7a-6f5e4d3c2b04";

    [Test]
    public async Task A_sync_killed_mid_way_leaves_nothing_half_registered_and_converges_when_repeated()
    {
        await FirstSyncAsync();
        var data = Server.DataPath;
        Core.Dispose();
        await Server.StopAsync();
        // What the kill left: D's image in the backend with its record, and half of D's catalog line.
        var orphan = Path.Combine(data, "local-appliances", TermOf(D));
        Directory.CreateDirectory(orphan);
        await File.WriteAllBytesAsync(Path.Combine(orphan, "000001.qcow2"), ImageBytes(4));
        await File.WriteAllTextAsync(Path.Combine(orphan, "000001.json"), "{\"Identifier\":\"" + D + "\",\"Title\":\"\",\"Vo\":\"\",\"Version\":\"\",\"ImageListIdentifier\":\"\",\"Format\":\"qcow2\",\"Size\":1}");
        await File.AppendAllTextAsync(Path.Combine(data, "cloudkeeper.journal"), "{\"Put\":{\"Identifier\":\"" + D + "\",\"Term\":");

        await StartAsync(data);

        Assert.That((await ApplianceMixinsAsync()).Keys, Is.EquivalentTo(new[] { TermOf(A), TermOf(B), TermOf(C) }), "nothing of D");
        Assert.That(Directory.Exists(orphan), Is.False, "the image no appliance names was removed");
        // The core runs again: the list is known, D is missing from it, so D is added.
        Assert.That(await Core.ImageListsAsync(), Is.EqualTo(new[] { ListA }));
        Assert.That((await Core.AppliancesAsync(ListA)).Select(a => a.Identifier), Is.EquivalentTo(new[] { A, B, C }));
        await Core.AddAsync(Core.Appliance(D, ListA, "Fedora", ImageBytes(4)));
        Assert.That((await ApplianceMixinsAsync()).Keys, Is.EquivalentTo(new[] { TermOf(A), TermOf(B), TermOf(C), TermOf(D) }));
    }
}
