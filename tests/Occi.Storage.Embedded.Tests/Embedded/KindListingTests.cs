using Occi.Core.Model;
using Occi.Core.StoreContracts;
using Occi.Infrastructure.Kinds;

namespace Occi.Storage.Embedded.Tests.Embedded;

/// <summary>
/// A kind's listing for one tenant is answered straight from the kind index when that tenant owns every
/// entity; it must give what checking each entity gives, page for page, and fall back once another tenant
/// (or an entity without an owner) appears.
/// </summary>
public sealed class KindListingTests : StoreTest
{

    private Task PutAsync(string kind, string id, string? owner)
    {
        Entity e = kind == "storage"
            ? new Resource { Id = id, Kind = Occi.Infrastructure.Kinds.Storage.Kind.Id, Location = "/storage/" + id }
            : new Resource { Id = id, Kind = Compute.Kind.Id, Location = "/compute/" + id };
        return Store.PutAsync(e, owner, 0, None);
    }

    private async Task<IReadOnlyList<string>> ListAsync(string? owner, int skip = 0, int? take = null) =>
        await Store.QueryLocationsAsync(new EntityQuery { Kinds = [Compute.Kind.Id], Owner = owner, Skip = skip, Take = take }, None);

    /// <summary>The same question answered by checking every entity: a location prefix every compute has rules out the index shortcut.</summary>
    private async Task<IReadOnlyList<string>> CheckedAsync(string? owner, int skip = 0, int? take = null) =>
        (await Store.QueryAsync(new EntityQuery { Kinds = [Compute.Kind.Id], Owner = owner, LocationPrefix = "/compute/", Skip = skip, Take = take }, None)).Select(r => r.Entity.Location!).ToArray();

    [Test]
    public async Task One_tenant_s_kind_listing_is_every_entity_of_the_kind_in_location_order_page_for_page()
    {
        for (var i = 0; i < 30; i++) await PutAsync(i % 3 == 0 ? "storage" : "compute", $"e{i:D2}", "default");

        var all = await ListAsync("default");
        Assert.That(all, Has.Count.EqualTo(20));
        Assert.That(all, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(all, Is.EqualTo(await CheckedAsync("default")));
        foreach (var (skip, take) in new[] { (0, 5), (5, 5), (18, 5), (20, 5), (25, 5), (3, 0) })
            Assert.That(await ListAsync("default", skip, take), Is.EqualTo(await CheckedAsync("default", skip, take)), $"skip {skip}, take {take}");
    }

    [Test]
    public async Task Another_tenant_s_entities_are_left_out()
    {
        for (var i = 0; i < 10; i++) await PutAsync("compute", $"a{i}", "alice");
        await PutAsync("compute", "b0", "bob");
        await PutAsync("compute", "n0", null);

        Assert.That(await ListAsync("alice"), Has.Count.EqualTo(10).And.EqualTo(await CheckedAsync("alice")));
        Assert.That(await ListAsync("bob"), Is.EqualTo(new[] { "/compute/b0" }));
        Assert.That(await ListAsync(null), Has.Count.EqualTo(12));
    }

    [Test]
    public async Task A_kind_with_no_entities_lists_nothing()
    {
        await PutAsync("storage", "s1", "default");
        Assert.That(await ListAsync("default"), Is.Empty);
    }
}
