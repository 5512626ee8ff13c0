using Occi.Core.Model;
using Occi.Core.StoreContracts;
using Occi.Infrastructure.Kinds;

namespace Occi.Storage.Embedded.Tests.Embedded;

/// <summary>
/// A page far into a listing (Skip and Take) must be the slice of the full listing in location order,
/// whether it is read by position (a one-tenant kind listing, a query without conditions) or found by
/// checking each entity (another tenant exists, an attribute condition). Enough entities that the
/// location sets span several chunks; pages start before, on and across chunk boundaries.
/// </summary>
public sealed class DeepPageTests : StoreTest
{
    private static readonly (int Skip, int? Take)[] Pages =
        [(0, 100), (1, 1), (255, 2), (256, 100), (511, 3), (512, 1), (600, 250), (1000, 100), (1199, 5), (1200, 5), (1201, 5), (5000, 5), (700, null), (300, 0)];

    /// <summary>Puts computes c0..c(n-1) in a shuffled order (so inserts land all over the sets), titled "even" or "odd"; returns their locations.</summary>
    private async Task<List<string>> PutComputesAsync(int count, Func<int, string?> owner, int seed)
    {
        var numbers = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(numbers);
        foreach (var i in numbers)
        {
            var r = new Resource { Id = "c" + i, Kind = Compute.Kind.Id, Location = "/compute/c" + i, Title = i % 2 == 0 ? "even" : "odd" };
            await Store.PutAsync(r, owner(i), 0, None);
        }
        return numbers.Select(i => "/compute/c" + i).ToList();
    }

    private async Task PutStoragesAsync(int count, string? owner)
    {
        for (var i = 0; i < count; i++)
            await Store.PutAsync(new Resource { Id = "s" + i, Kind = Occi.Infrastructure.Kinds.Storage.Kind.Id, Location = "/storage/s" + i }, owner, 0, None);
    }

    private static string[] Ordered(IEnumerable<string> locations) => locations.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Every page of <see cref="Pages"/>, through both QueryAsync and QueryLocationsAsync, is the slice of <paramref name="expected"/>.</summary>
    private async Task AssertPagesAsync(EntityQuery query, string[] expected)
    {
        Assert.That(await Store.CountAsync(query, None), Is.EqualTo(expected.Length), "count");
        foreach (var (skip, take) in Pages)
        {
            var paged = query with { Skip = skip, Take = take };
            var slice = expected.Skip(skip).Take(take ?? int.MaxValue).ToArray();
            Assert.That(await Store.QueryLocationsAsync(paged, None), Is.EqualTo(slice), $"locations, skip {skip}, take {take}");
            Assert.That((await Store.QueryAsync(paged, None)).Select(r => r.Entity.Location), Is.EqualTo(slice), $"entities, skip {skip}, take {take}");
        }
    }

    [Test]
    public async Task A_one_tenant_kind_listing_s_deep_pages_are_slices_of_the_listing_also_after_deletes()
    {
        var computes = await PutComputesAsync(1200, _ => "default", seed: 1);
        await PutStoragesAsync(150, "default");
        var query = new EntityQuery { Kinds = [Compute.Kind.Id], Owner = "default" };
        await AssertPagesAsync(query, Ordered(computes));
        await AssertPagesAsync(query with { Owner = null }, Ordered(computes));

        var deleted = computes.Where((_, i) => i % 3 != 0).ToHashSet(); // two thirds: chunks shrink and merge
        foreach (var location in deleted) Assert.That(await Store.DeleteAsync(location, None), Is.True);
        await AssertPagesAsync(query, Ordered(computes.Where(l => !deleted.Contains(l))));
    }

    [Test]
    public async Task A_query_without_conditions_pages_through_every_entity()
    {
        var computes = await PutComputesAsync(1000, _ => "default", seed: 2);
        await PutStoragesAsync(250, null);
        await AssertPagesAsync(new EntityQuery(), Ordered(computes.Concat(Enumerable.Range(0, 250).Select(i => "/storage/s" + i))));
    }

    [Test]
    public async Task With_another_tenant_present_each_tenant_s_deep_pages_are_slices_of_its_own_listing()
    {
        var computes = await PutComputesAsync(1300, i => i % 5 == 0 ? "bob" : "alice", seed: 3);
        var bob = computes.Where(l => int.Parse(l["/compute/c".Length..]) % 5 == 0).ToHashSet();
        await AssertPagesAsync(new EntityQuery { Kinds = [Compute.Kind.Id], Owner = "alice" }, Ordered(computes.Where(l => !bob.Contains(l))));
        await AssertPagesAsync(new EntityQuery { Kinds = [Compute.Kind.Id], Owner = "bob" }, Ordered(bob));
        await AssertPagesAsync(new EntityQuery { Kinds = [Compute.Kind.Id] }, Ordered(computes));
    }

    [Test]
    public async Task A_filtered_listing_s_deep_pages_count_matches_not_positions()
    {
        var computes = await PutComputesAsync(2500, _ => "default", seed: 4);
        var even = computes.Where(l => int.Parse(l["/compute/c".Length..]) % 2 == 0);
        await AssertPagesAsync(new EntityQuery { Kinds = [Compute.Kind.Id], Owner = "default", Attributes = [new(Entity.TitleAttribute, "even")] }, Ordered(even));
        await AssertPagesAsync(new EntityQuery { LocationPrefix = "/compute/c1" }, Ordered(computes.Where(l => l.StartsWith("/compute/c1", StringComparison.Ordinal))));
    }
}
