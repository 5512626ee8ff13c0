using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Occi.Core.BackendContracts;
using Occi.Core.StoreContracts;
using Occi.Infrastructure.Kinds;
using Occi.Server.Background;
using Occi.Server.Tests.Support;
using static Occi.Server.Tests.Support.TenantServer;

namespace Occi.Server.Tests;

/// <summary>Issue 14: the admin role sees and manages every tenant's entities and creates as its own tenant; the server's own work sees every tenant.</summary>
public sealed class TenantAdminTests
{
    private TenantServer _tenants = null!;

    [SetUp]
    public async Task Start() => _tenants = await TenantServer.StartAsync();

    [TearDown]
    public async Task Stop() => await _tenants.DisposeAsync();

    private async Task<string> OwnerOfAsync(string location) =>
        (await _tenants.Server.Services.GetRequiredService<IEntityStore>().GetAsync(location, CancellationToken.None))!.Owner!;

    [Test]
    public async Task An_admin_lists_and_reads_every_tenants_entities()
    {
        var alices = await _tenants.CreateAsync(Alice, "/compute/", OcciText.ComputeCategory);
        var bobs = await _tenants.CreateAsync(Bob, "/compute/", OcciText.ComputeCategory);
        using var list = await _tenants.SendAsync(Root, HttpMethod.Get, "/compute/", accept: "text/uri-list");
        var listed = OcciText.Locations(await list.Content.ReadAsStringAsync()).Select(l => new Uri(l).AbsolutePath).ToArray();
        Assert.That(listed, Is.EquivalentTo(new[] { alices, bobs }));
        await _tenants.GetTextAsync(Root, alices);
        await _tenants.GetTextAsync(Root, bobs);
    }

    [Test]
    public async Task An_admin_updates_acts_on_and_deletes_another_tenants_entity_which_stays_that_tenants()
    {
        var alices = await _tenants.CreateAsync(Alice, "/compute/", OcciText.ComputeCategory);
        using (var update = await _tenants.SendAsync(Root, HttpMethod.Post, alices, "X-OCCI-Attribute: occi.core.title=\"by-admin\""))
            Assert.That(update.StatusCode, Is.EqualTo(HttpStatusCode.OK), await update.Content.ReadAsStringAsync());
        Assert.That(OcciText.Attribute(await _tenants.GetTextAsync(Alice, alices), "occi.core.title"), Is.EqualTo("by-admin"));
        Assert.That(await OwnerOfAsync(alices), Is.EqualTo("tenant-a"));

        using (var stop = await _tenants.SendAsync(Root, HttpMethod.Post, alices + "?action=stop", OcciText.Action("compute", "stop")))
            Assert.That(stop.StatusCode, Is.EqualTo(HttpStatusCode.OK), await stop.Content.ReadAsStringAsync());
        Assert.That(OcciText.Attribute(await _tenants.GetTextAsync(Alice, alices), Compute.State), Is.EqualTo("inactive"));

        using (var delete = await _tenants.SendAsync(Root, HttpMethod.Delete, alices))
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK), await delete.Content.ReadAsStringAsync());
        await _tenants.GetTextAsync(Alice, alices, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task An_admin_creates_as_its_own_tenant()
    {
        var roots = await _tenants.CreateAsync(Root, "/compute/", OcciText.ComputeCategory);
        Assert.That(await OwnerOfAsync(roots), Is.EqualTo("ops"));
        await _tenants.GetTextAsync(Alice, roots, HttpStatusCode.NotFound);
        await _tenants.GetTextAsync(Root, roots);
    }

    [Test]
    public async Task An_admins_link_joins_only_its_own_tenants_entities()
    {
        var alicesCompute = await _tenants.CreateAsync(Alice, "/compute/", OcciText.ComputeCategory);
        var alicesNetwork = await _tenants.CreateAsync(Alice, "/network/", OcciText.NetworkCategory);
        var before = await _tenants.StoreSnapshotAsync();
        using var link = await _tenants.SendAsync(Root, HttpMethod.Post, "/link/networkinterface/",
            "Category: networkinterface; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\n"
            + $"X-OCCI-Attribute: occi.core.source=\"{alicesCompute}\"\nX-OCCI-Attribute: occi.core.target=\"{alicesNetwork}\"");
        var body = await link.Content.ReadAsStringAsync();
        Assert.That(link.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(body, Does.Contain("a link joins entities of its own tenant"));
        Assert.That(await _tenants.StoreSnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Without_the_admin_role_another_tenants_entity_is_missing()
    {
        var bobs = await _tenants.CreateAsync(Bob, "/compute/", OcciText.ComputeCategory);
        await _tenants.GetTextAsync(Alice, bobs, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Reconciliation_sees_every_tenants_entities()
    {
        var alices = await _tenants.CreateAsync(Alice, "/compute/", OcciText.ComputeCategory);
        var bobs = await _tenants.CreateAsync(Bob, "/compute/", OcciText.ComputeCategory);
        var services = _tenants.Server.Services;
        var store = services.GetRequiredService<IEntityStore>();
        var backend = services.GetRequiredService<ICloudBackend>();
        // The creates' intents close off the request path; a sweep leaves entities with an open intent alone.
        Assert.That(async () => await services.GetRequiredService<IIntentStore>().ListOpenAsync(CancellationToken.None), Is.Empty.After(5000, 20));
        foreach (var location in new[] { alices, bobs })
            await backend.DeleteAsync(Caller.Anonymous, (await store.GetAsync(location, CancellationToken.None))!.Entity, CancellationToken.None);

        var reconciler = services.GetServices<IHostedService>().OfType<Reconciler>().Single();
        await reconciler.SweepAsync(CancellationToken.None);

        foreach (var location in new[] { alices, bobs })
            Assert.That((await store.GetAsync(location, CancellationToken.None))!.Entity.Attributes.GetString(Compute.State), Is.EqualTo("error"), location);
    }

    [Test]
    public async Task Reconciliation_finishes_an_interrupted_delete_of_any_tenant()
    {
        var bobs = await _tenants.CreateAsync(Bob, "/compute/", OcciText.ComputeCategory);
        var services = _tenants.Server.Services;
        var record = (await services.GetRequiredService<IEntityStore>().GetAsync(bobs, CancellationToken.None))!;
        await services.GetRequiredService<IIntentStore>().WriteAsync(
            new Intent("i-bob", "delete", bobs, record.Entity.BackendId, "tenant-b", DateTimeOffset.UtcNow, Compute.Kind.Id.Identity), CancellationToken.None);
        await services.GetRequiredService<ICloudBackend>().DeleteAsync(Caller.Anonymous, record.Entity, CancellationToken.None);

        await services.GetServices<IHostedService>().OfType<Reconciler>().Single().FinishOpenIntentsAsync(CancellationToken.None);

        Assert.That(await services.GetRequiredService<IEntityStore>().GetAsync(bobs, CancellationToken.None), Is.Null);
    }
}
