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
    protected const string A = "0d3a51b5-3d5c-4e6a-8f0e-6f2b3b0e5a01";
    protected const string B = "5b7f6c1e-9a43-4d0e-b1c2-7d8e9f0a1b02";
    protected const string C = "9c8d7e6f-5a4b-4c3d-9e2f-1a0b9c8d7e03";

    /// <summary>The core's first run for a new image list: PreAction → RemoveExpiredAppliances → ImageLists → AddAppliance × 3 → PostAction.</summary>
    protected async Task FirstSyncAsync()
    {
        await Core.Client.PreActionAsync(new Empty());
        await Core.Client.RemoveExpiredAppliancesAsync(new Empty());
        Assert.That(await Core.ImageListsAsync(), Is.Empty);
        await Core.AddAsync(Core.Appliance(A, ListA, "Ubuntu 24.04, minimal", ImageBytes(1)));
        await Core.AddAsync(Core.Appliance(B, ListA, "CentOS 7", ImageBytes(2)));
        await Core.AddAsync(Core.Appliance(C, ListA, "Debian 12", ImageBytes(3), expiration: Clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds()));
        await Core.Client.PostActionAsync(new Empty());
    }

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
        Clock.Advance(TimeSpan.FromHours(2));
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
