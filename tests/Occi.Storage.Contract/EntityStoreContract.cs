using Occi.Core;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.StoreContracts;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;

namespace Occi.Storage.Contract;

/// <summary>What every <see cref="IEntityStore"/> must do: round trips, versions, queries, mixin membership, deletes, concurrency.</summary>
public abstract class EntityStoreContract<TStore> : StoreContract<TStore> where TStore : IStoreUnderTest, new()
{
    private static Resource NewCompute(string id, params CategoryId[] mixins)
    {
        var r = new Resource { Id = id, Kind = Compute.Kind.Id, Location = "/compute/" + id, BackendId = "backend-" + id };
        r.Mixins.AddRange(mixins);
        r.Title = "vm " + id;
        return r;
    }

    private static Link NewInterface(string id, string source, string target) => new()
    {
        Id = id, Kind = NetworkInterface.Kind.Id, Location = "/link/networkinterface/" + id,
        Source = source, Target = target, SourceKind = Compute.Kind.Id, TargetKind = Network.Kind.Id,
    };

    private async Task<string[]> LocationsAsync(EntityQuery query) =>
        (await Entities.QueryAsync(query, None)).Select(r => r.Entity.Location!).ToArray();

    // ---- round trips ----

    [Test]
    public async Task Put_then_get_round_trips_a_compute_with_mixins_and_every_value_kind()
    {
        var c = NewCompute("c1", Templates.OsTpl.Id, Blue);
        c.Summary = "a summary";
        c.Attributes[Compute.Cores] = 2L;
        c.Attributes[Compute.Memory] = 4.0;
        c.Attributes[Compute.Speed] = 2.5;
        c.Attributes["org.example.flag"] = true;
        c.Attributes["org.example.list"] = AttributeValue.Array([1L, "two", 3.0]);
        c.Attributes["org.example.map"] = AttributeValue.Object([new("k", "v"), new("n", 1L)]);
        await Entities.PutAsync(c, "alice", null, None);

        var record = await Entities.GetAsync("/compute/c1", None);
        var back = record!.Entity;
        Assert.That(back, Is.TypeOf<Resource>());
        Assert.That((back.Id, back.Kind, back.BackendId, record.Owner), Is.EqualTo(("c1", Compute.Kind.Id, "backend-c1", "alice")));
        Assert.That(back.Mixins, Is.EqualTo(new[] { Templates.OsTpl.Id, Blue }));
        Assert.That(back.Attributes.Select(kv => (kv.Key, kv.Value.Kind, kv.Value.ToString())),
            Is.EqualTo(c.Attributes.Select(kv => (kv.Key, kv.Value.Kind, kv.Value.ToString()))));
    }

    [Test]
    public async Task Put_then_get_round_trips_a_network_interface_link()
    {
        var l = NewInterface("l1", "/compute/c1", "/network/n1");
        l.Mixins.Add(IpNetworkInterface.Mixin.Id);
        l.Attributes[NetworkInterface.Mac] = "00:11:22:33:44:55";
        await Entities.PutAsync(l, null, null, None);

        var back = (await Entities.GetAsync(l.Location!, None))!.Entity as Link;
        Assert.That(back, Is.Not.Null);
        Assert.That((back!.Source, back.Target, back.SourceKind, back.TargetKind, back.Kind),
            Is.EqualTo(("/compute/c1", "/network/n1", (CategoryId?)Compute.Kind.Id, (CategoryId?)Network.Kind.Id, NetworkInterface.Kind.Id)));
        Assert.That(back.Mixins, Is.EqualTo(new[] { IpNetworkInterface.Mixin.Id }));
        Assert.That(back.Attributes[NetworkInterface.Mac].AsString, Is.EqualTo("00:11:22:33:44:55"));
    }

    [Test]
    public async Task Get_by_id_finds_the_entity_at_its_location()
    {
        await Entities.PutAsync(NewCompute("c1"), null, null, None);
        var record = await Entities.GetByIdAsync("c1", None);
        Assert.That(record?.Entity.Location, Is.EqualTo("/compute/c1"));
    }

    [Test]
    public async Task A_query_by_backend_id_finds_the_entity_the_backend_knows_by_it_and_follows_its_change()
    {
        var c1 = NewCompute("c1");
        c1.BackendId = "server-1";
        var c2 = NewCompute("c2");
        c2.BackendId = "server-2";
        await Entities.PutAsync(c1, null, null, None);
        await Entities.PutAsync(c2, null, null, None);
        Assert.That(await LocationsAsync(new EntityQuery { BackendId = "server-2" }), Is.EqualTo(new[] { "/compute/c2" }));

        c2.BackendId = "server-3";
        await Entities.PutAsync(c2, null, null, None);
        Assert.That(await LocationsAsync(new EntityQuery { BackendId = "server-2" }), Is.Empty);
        Assert.That((await Entities.QueryAsync(new EntityQuery { BackendId = "server-3", Kinds = [Compute.Kind.Id] }, None)).Select(r => r.Entity.Id), Is.EqualTo(new[] { "c2" }));
        await Entities.DeleteAsync("/compute/c2", None);
        Assert.That(await Entities.CountAsync(new EntityQuery { BackendId = "server-3" }, None), Is.Zero);
    }

    [Test]
    public async Task Get_of_an_unknown_location_or_id_returns_null()
    {
        Assert.That(await Entities.GetAsync("/compute/nope", None), Is.Null);
        Assert.That(await Entities.GetByIdAsync("nope", None), Is.Null);
    }

    // ---- versions ----

    [Test]
    public async Task Versions_start_at_one_and_grow_by_one_per_write()
    {
        var c = NewCompute("c1");
        var versions = new[]
        {
            await Entities.PutAsync(c, null, null, None),
            await Entities.PutAsync(c, null, 1, None),
            await Entities.PutAsync(c, null, null, None),
        };
        Assert.That(versions, Is.EqualTo(new long[] { 1, 2, 3 }));
        Assert.That((await Entities.GetAsync("/compute/c1", None))!.Version, Is.EqualTo(3));
    }

    [Test]
    public async Task Put_with_a_stale_version_throws_Conflict_and_keeps_the_stored_entity()
    {
        var c = NewCompute("c1");
        await Entities.PutAsync(c, null, null, None);
        await Entities.PutAsync(c, null, 1, None);
        c.Title = "lost update";
        var e = Assert.ThrowsAsync<OcciException>(() => Entities.PutAsync(c, null, 1, None));
        Assert.That(e!.Kind, Is.EqualTo(OcciErrorKind.Conflict));
        Assert.That((await Entities.GetAsync("/compute/c1", None))!.Entity.Title, Is.EqualTo("vm c1"));
    }

    [Test]
    public async Task Put_with_a_version_of_a_missing_entity_throws_Conflict()
    {
        var e = Assert.ThrowsAsync<OcciException>(() => Entities.PutAsync(NewCompute("c1"), null, 3, None));
        Assert.That(e!.Kind, Is.EqualTo(OcciErrorKind.Conflict));
        Assert.That(await Entities.GetAsync("/compute/c1", None), Is.Null);
    }

    [Test]
    public async Task Insert_only_put_on_an_existing_location_throws_Conflict()
    {
        Assert.That(await Entities.PutAsync(NewCompute("c1"), null, 0, None), Is.EqualTo(1));
        var e = Assert.ThrowsAsync<OcciException>(() => Entities.PutAsync(NewCompute("c1"), null, 0, None));
        Assert.That(e!.Kind, Is.EqualTo(OcciErrorKind.Conflict));
    }

    [Test]
    public async Task Put_of_an_id_already_used_at_another_location_throws_Conflict()
    {
        await Entities.PutAsync(NewCompute("c1"), null, null, None);
        var twin = NewCompute("c1");
        twin.Location = "/compute/elsewhere";
        var e = Assert.ThrowsAsync<OcciException>(() => Entities.PutAsync(twin, null, null, None));
        Assert.That(e!.Kind, Is.EqualTo(OcciErrorKind.Conflict));
        Assert.That(await Entities.GetAsync("/compute/elsewhere", None), Is.Null);
    }

    // ---- queries ----

    private async Task SeedAsync()
    {
        await Entities.PutAsync(NewCompute("c1", Blue), "alice", null, None);
        await Entities.PutAsync(NewCompute("c2"), "bob", null, None);
        await Entities.PutAsync(NewCompute("c3", Blue, Red), "alice", null, None);
        var n = new Resource { Id = "n1", Kind = Network.Kind.Id, Location = "/network/n1" };
        await Entities.PutAsync(n, "alice", null, None);
        var s = new Resource { Id = "s1", Kind = Occi.Infrastructure.Kinds.Storage.Kind.Id, Location = "/storage/s1" };
        await Entities.PutAsync(s, "bob", null, None);
        await Entities.PutAsync(NewInterface("l1", "/compute/c1", "/network/n1"), "alice", null, None);
        await Entities.PutAsync(NewInterface("l2", "/compute/c2", "/network/n1"), "bob", null, None);
    }

    [Test]
    public async Task Query_by_kinds_returns_entities_of_any_listed_kind_in_location_order()
    {
        await SeedAsync();
        var found = await LocationsAsync(new EntityQuery { Kinds = [Network.Kind.Id, Compute.Kind.Id] });
        Assert.That(found, Is.EqualTo(new[] { "/compute/c1", "/compute/c2", "/compute/c3", "/network/n1" }));
    }

    [Test]
    public async Task Query_of_locations_only_answers_the_same_locations_in_the_same_order()
    {
        await SeedAsync();
        var query = new EntityQuery { Kinds = [Network.Kind.Id, Compute.Kind.Id], Skip = 1, Take = 2 };
        var locations = await Entities.QueryLocationsAsync(query, CancellationToken.None);
        Assert.That(locations, Is.EqualTo(await LocationsAsync(query)));
        Assert.That(locations, Is.EqualTo(new[] { "/compute/c2", "/compute/c3" }));
    }

    [Test]
    public async Task Query_by_an_empty_kind_list_returns_nothing()
    {
        await SeedAsync();
        Assert.That(await LocationsAsync(new EntityQuery { Kinds = [] }), Is.Empty);
    }

    [Test]
    public async Task Query_by_mixin_returns_its_members()
    {
        await SeedAsync();
        Assert.That(await LocationsAsync(new EntityQuery { Mixin = Blue }), Is.EqualTo(new[] { "/compute/c1", "/compute/c3" }));
    }

    [Test]
    public async Task Query_by_location_prefix_returns_entities_below_it()
    {
        await SeedAsync();
        Assert.That(await LocationsAsync(new EntityQuery { LocationPrefix = "/link/" }),
            Is.EqualTo(new[] { "/link/networkinterface/l1", "/link/networkinterface/l2" }));
    }

    [Test]
    public async Task Location_prefix_treats_wildcard_characters_literally()
    {
        var star = NewCompute("x1");
        star.Location = "/a*/x1";
        var plain = NewCompute("x2");
        plain.Location = "/ab/x2";
        var percent = NewCompute("x3");
        percent.Location = "/a%/x3";
        var bracket = NewCompute("x4");
        bracket.Location = "/a[b]/x4";
        foreach (var e in new[] { star, plain, percent, bracket }) await Entities.PutAsync(e, null, null, None);
        Assert.That(await LocationsAsync(new EntityQuery { LocationPrefix = "/a*" }), Is.EqualTo(new[] { "/a*/x1" }));
        Assert.That(await LocationsAsync(new EntityQuery { LocationPrefix = "/a%" }), Is.EqualTo(new[] { "/a%/x3" }));
        Assert.That(await LocationsAsync(new EntityQuery { LocationPrefix = "/a?" }), Is.Empty);
        Assert.That(await LocationsAsync(new EntityQuery { LocationPrefix = "/a[b]" }), Is.EqualTo(new[] { "/a[b]/x4" }));
    }

    [Test]
    public async Task Query_by_owner_returns_that_tenants_entities()
    {
        await SeedAsync();
        Assert.That(await LocationsAsync(new EntityQuery { Owner = "bob" }),
            Is.EqualTo(new[] { "/compute/c2", "/link/networkinterface/l2", "/storage/s1" }));
    }

    [Test]
    public async Task Query_by_owner_and_kind_pages_one_tenants_entities_of_that_kind_among_many_tenants()
    {
        // A tenant's kind listing (issue 14): every third compute is tenant-0's, among other tenants' and other kinds.
        for (var i = 0; i < 30; i++) await Entities.PutAsync(NewCompute($"t{i:00}"), "tenant-" + i % 3, null, None);
        await Entities.PutAsync(new Resource { Id = "tn", Kind = Network.Kind.Id, Location = "/network/tn" }, "tenant-0", null, None);
        var expected = Enumerable.Range(0, 30).Where(i => i % 3 == 0).Select(i => $"/compute/t{i:00}").ToArray();
        var query = new EntityQuery { Owner = "tenant-0", Kinds = [Compute.Kind.Id] };
        Assert.That(await Entities.QueryLocationsAsync(query, None), Is.EqualTo(expected));
        Assert.That(await LocationsAsync(query with { Skip = 3, Take = 4 }), Is.EqualTo(expected[3..7]));
        Assert.That(await Entities.CountAsync(query, None), Is.EqualTo(10));
        Assert.That(await Entities.QueryLocationsAsync(query with { Kinds = [Compute.Kind.Id, Network.Kind.Id] }, None), Is.EqualTo(expected.Append("/network/tn")));

        await Entities.DeleteAsync("/compute/t03", None);
        await Entities.PutAsync(NewCompute("t99"), "tenant-1", null, None);
        Assert.That(await Entities.QueryLocationsAsync(query, None), Is.EqualTo(expected.Where(l => l != "/compute/t03")));
        Assert.That(await Entities.QueryLocationsAsync(query with { Owner = "nobody" }, None), Is.Empty);
    }

    [Test]
    public async Task Query_by_link_source_returns_a_resources_links()
    {
        await SeedAsync();
        Assert.That(await LocationsAsync(new EntityQuery { LinkSource = "/compute/c1" }), Is.EqualTo(new[] { "/link/networkinterface/l1" }));
    }

    [Test]
    public async Task Query_by_link_target_returns_links_pointing_at_a_resource()
    {
        await SeedAsync();
        Assert.That(await LocationsAsync(new EntityQuery { LinkTarget = "/network/n1" }),
            Is.EqualTo(new[] { "/link/networkinterface/l1", "/link/networkinterface/l2" }));
    }

    [Test]
    public async Task Query_by_string_attribute_matches_equal_values_only()
    {
        await SeedAsync();
        var found = await LocationsAsync(new EntityQuery { Attributes = [new(Entity.TitleAttribute, "vm c2")] });
        Assert.That(found, Is.EqualTo(new[] { "/compute/c2" }));
    }

    [Test]
    public async Task Query_by_occi_core_id_source_or_target_attribute_compares_the_entitys_keys()
    {
        await SeedAsync();
        Assert.That(await LocationsAsync(new EntityQuery { Attributes = [new(Entity.IdAttribute, "c2")] }), Is.EqualTo(new[] { "/compute/c2" }));
        Assert.That(await LocationsAsync(new EntityQuery { Attributes = [new(Link.SourceAttribute, "/compute/c1")] }),
            Is.EqualTo(new[] { "/link/networkinterface/l1" }));
        Assert.That(await LocationsAsync(new EntityQuery { Attributes = [new(Link.TargetAttribute, "/network/n1")], Skip = 1 }),
            Is.EqualTo(new[] { "/link/networkinterface/l2" }));
        Assert.That(await Entities.CountAsync(new EntityQuery { Kinds = [Compute.Kind.Id], Attributes = [new(Link.TargetAttribute, "/network/n1")] }, None), Is.Zero);
    }

    [Test]
    public async Task Query_by_attribute_compares_text_forms_across_value_kinds()
    {
        var a = NewCompute("c1");
        a.Attributes[Compute.Cores] = 2L;
        a.Attributes["org.example.on"] = true;
        var b = NewCompute("c2");
        b.Attributes[Compute.Cores] = 4L;
        b.Attributes["org.example.on"] = true;
        await Entities.PutAsync(a, null, null, None);
        await Entities.PutAsync(b, null, null, None);
        Assert.That(await LocationsAsync(new EntityQuery { Attributes = [new(Compute.Cores, "2")] }), Is.EqualTo(new[] { "/compute/c1" }));
        Assert.That(await LocationsAsync(new EntityQuery { Attributes = [new(Compute.Cores, 4L), new("org.example.on", true)] }),
            Is.EqualTo(new[] { "/compute/c2" }));
    }

    [Test]
    public async Task Query_conditions_combine_with_and()
    {
        await SeedAsync();
        var found = await LocationsAsync(new EntityQuery { Kinds = [Compute.Kind.Id], Owner = "alice", Mixin = Red });
        Assert.That(found, Is.EqualTo(new[] { "/compute/c3" }));
    }

    [Test]
    public async Task Pages_of_a_query_concatenate_to_the_whole_result_in_location_order()
    {
        for (var i = 0; i < 25; i++) await Entities.PutAsync(NewCompute($"p{i:00}"), null, null, None);
        var all = await LocationsAsync(new EntityQuery { LocationPrefix = "/compute/" });
        var pages = new List<string>();
        for (var skip = 0; skip < 30; skip += 7)
            pages.AddRange(await LocationsAsync(new EntityQuery { LocationPrefix = "/compute/", Skip = skip, Take = 7 }));
        Assert.That(all, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(all, Has.Length.EqualTo(25));
        Assert.That(pages, Is.EqualTo(all));
    }

    [Test]
    public async Task Count_counts_every_match_regardless_of_paging()
    {
        await SeedAsync();
        Assert.That(await Entities.CountAsync(new EntityQuery { Owner = "alice", Take = 1, Skip = 1 }, None), Is.EqualTo(4));
    }

    // ---- mixin membership ----

    [Test]
    public async Task Associate_adds_the_mixin_to_every_listed_entity()
    {
        await SeedAsync();
        await Entities.AssociateMixinAsync(Red, ["/compute/c1", "/network/n1"], None);
        Assert.That(await LocationsAsync(new EntityQuery { Mixin = Red }), Is.EqualTo(new[] { "/compute/c1", "/compute/c3", "/network/n1" }));
        var c1 = await Entities.GetAsync("/compute/c1", None);
        Assert.That(c1!.Entity.Mixins, Is.EqualTo(new[] { Blue, Red }));
        Assert.That(c1.Version, Is.EqualTo(2));
    }

    [Test]
    public async Task Associate_with_one_missing_location_throws_NotFound_and_associates_nothing()
    {
        await SeedAsync();
        var e = Assert.ThrowsAsync<OcciException>(() => Entities.AssociateMixinAsync(Red, ["/compute/c1", "/compute/ghost", "/network/n1"], None));
        Assert.That(e!.Kind, Is.EqualTo(OcciErrorKind.NotFound));
        Assert.That(e.Message, Does.Contain("/compute/ghost"));
        Assert.That(await LocationsAsync(new EntityQuery { Mixin = Red }), Is.EqualTo(new[] { "/compute/c3" }));
        Assert.That((await Entities.GetAsync("/compute/c1", None))!.Entity.Mixins, Is.EqualTo(new[] { Blue }));
    }

    [Test]
    public async Task Dissociate_removes_the_mixin_from_the_listed_entities_only()
    {
        await SeedAsync();
        await Entities.DissociateMixinAsync(Blue, ["/compute/c1"], None);
        Assert.That(await LocationsAsync(new EntityQuery { Mixin = Blue }), Is.EqualTo(new[] { "/compute/c3" }));
        Assert.That((await Entities.GetAsync("/compute/c1", None))!.Entity.Mixins, Is.Empty);
    }

    [Test]
    public async Task Dissociate_without_locations_removes_the_mixin_from_all_its_members()
    {
        await SeedAsync();
        await Entities.DissociateMixinAsync(Blue, null, None);
        Assert.That(await LocationsAsync(new EntityQuery { Mixin = Blue }), Is.Empty);
        Assert.That((await Entities.GetAsync("/compute/c3", None))!.Entity.Mixins, Is.EqualTo(new[] { Red }));
    }

    // ---- deletes ----

    [Test]
    public async Task Delete_removes_the_entity_and_reports_whether_there_was_one()
    {
        await SeedAsync();
        Assert.That(await Entities.DeleteAsync("/compute/c1", None), Is.True);
        Assert.That(await Entities.GetAsync("/compute/c1", None), Is.Null);
        Assert.That(await Entities.GetByIdAsync("c1", None), Is.Null);
        Assert.That(await LocationsAsync(new EntityQuery { Mixin = Blue }), Is.EqualTo(new[] { "/compute/c3" }));
        Assert.That(await Entities.DeleteAsync("/compute/c1", None), Is.False);
    }

    [Test]
    public async Task Delete_below_a_prefix_removes_only_the_entities_under_it()
    {
        await SeedAsync();
        Assert.That(await Entities.DeleteBelowAsync("/compute/", None), Is.EqualTo(3));
        Assert.That(await LocationsAsync(new EntityQuery()),
            Is.EqualTo(new[] { "/link/networkinterface/l1", "/link/networkinterface/l2", "/network/n1", "/storage/s1" }));
        Assert.That(await LocationsAsync(new EntityQuery { Mixin = Blue }), Is.Empty);
    }

    [Test]
    public async Task An_id_freed_by_delete_can_be_used_again()
    {
        await Entities.PutAsync(NewCompute("c1"), null, null, None);
        await Entities.DeleteAsync("/compute/c1", None);
        Assert.That(await Entities.PutAsync(NewCompute("c1"), null, 0, None), Is.EqualTo(1));
    }

    // ---- concurrency ----

    [Test]
    public async Task Parallel_writers_to_distinct_entities_all_land()
    {
        const int writers = 16, each = 10;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < each; i++) await Entities.PutAsync(NewCompute($"w{w:00}-{i:00}"), null, 0, None);
        })));
        Assert.That(await Entities.CountAsync(new EntityQuery { Kinds = [Compute.Kind.Id] }, None), Is.EqualTo(writers * each));
    }

    [Test]
    public async Task Parallel_versioned_writers_to_one_entity_lose_no_update_silently()
    {
        await Entities.PutAsync(NewCompute("c1"), null, 0, None);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try { await Entities.PutAsync(NewCompute("c1"), null, 1, None); return true; }
            catch (OcciException e) when (e.Kind == OcciErrorKind.Conflict) { return false; }
        })));
        Assert.That(results.Count(ok => ok), Is.EqualTo(1));
        Assert.That((await Entities.GetAsync("/compute/c1", None))!.Version, Is.EqualTo(2));
    }
}
