using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.StoreContracts;
using Occi.Server.RuntimeKinds;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 19's follow-up: the category manager's changes (define, redefine, delete a kind on /-/) and the creates that
/// depend on them happen in one order. Each test holds the first request at the point where the race would bite
/// (a create checked and not yet stored; a kind delete that counted the members and not yet acted), sends the second,
/// and lets the first go once the second has either finished or waits for it (the turn says so): whichever comes
/// first, the client never sees both succeed, and what the server keeps is what the answers say.
/// </summary>
public class KindChangeRaceTests : PyOcniServerTest
{
    private const string Scheme = "http://example.org/occi/probe#";
    private const string ProbeCategory = $"Category: probe; scheme=\"{Scheme}\"; class=\"kind\"";
    private static string ProbeDefinition(string location) =>
        $"{ProbeCategory}; title=\"Probe\"; rel=\"http://schemas.ogf.org/occi/core#resource\"; location=\"{location}\"";

    private PausingStore _store = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IEntityStore));
        services.AddSingleton<IEntityStore>(sp => _store = new PausingStore((IEntityStore)registered.ImplementationFactory!(sp)));
    }

    private async Task DefineProbeAsync(string location = "/probe/")
    {
        var defined = await SendAsync(HttpMethod.Post, "/-/", ProbeDefinition(location));
        Assert.That(defined.StatusCode, Is.EqualTo(HttpStatusCode.OK), await defined.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Sends <paramref name="first"/> and holds it at <paramref name="hold"/>; then sends <paramref name="second"/>, and
    /// lets the first go once the second has answered or waits for the first (no clock: the server says it waits).
    /// </summary>
    private async Task<(HttpResponseMessage First, HttpResponseMessage Second, bool SecondAnsweredWhileFirstHeld)> RaceAsync(CallGate hold, Func<Task<HttpResponseMessage>> first,
        Func<Task<HttpResponseMessage>> second)
    {
        hold.Close();
        var held = first();
        await Task.WhenAny(hold.Entered.Task, held);
        Assert.That(hold.Entered.Task.IsCompleted, Is.True,
            () => $"the first request was to be held, but answered {held.Result.StatusCode}: {held.Result.Content.ReadAsStringAsync().Result}");
        var waits = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Server.Services.GetRequiredService<KindChangeTurn>().Waiting += () => waits.TrySetResult();
        var racing = second();
        await Task.WhenAny(racing, waits.Task);
        var answeredWhileHeld = racing.IsCompleted;
        hold.Open();
        return (await held, await racing, answeredWhileHeld);
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode status, string says = "")
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(text, Does.Contain(says));
    }

    private Task<HttpResponseMessage> DeleteProbeKindAsync() => SendAsync(HttpMethod.Delete, "/-/", ProbeCategory);

    private async Task<IReadOnlyList<EntityRecord>> StoredBelowAsync(string prefix) =>
        await Server.Services.GetRequiredService<IEntityStore>().QueryAsync(new EntityQuery { LocationPrefix = prefix }, CancellationToken.None);

    [Test]
    public async Task A_kind_deleted_while_a_create_of_its_entity_is_in_flight_is_409_and_the_entity_keeps_its_kind()
    {
        await DefineProbeAsync();
        _store.PutsBelow = "/probe/";
        var (create, delete, _) = await RaceAsync(_store.Puts, () => SendAsync(HttpMethod.Post, "/probe/", ProbeCategory), DeleteProbeKindAsync);

        await ExpectAsync(create, HttpStatusCode.Created);
        await ExpectAsync(delete, HttpStatusCode.Conflict, "has entities");
        Assert.That(await GetTextAsync("/-/"), Does.Contain(ProbeCategory));
        Assert.That(await GetTextAsync(create.Headers.Location!.AbsolutePath), Does.Contain(ProbeCategory));
    }

    [Test]
    public async Task A_create_that_comes_while_its_kind_is_deleted_is_400_and_stores_nothing()
    {
        await DefineProbeAsync();
        var (delete, create, _) = await RaceAsync(_store.Counts, DeleteProbeKindAsync, () => SendAsync(HttpMethod.Post, "/probe/", ProbeCategory));

        await ExpectAsync(delete, HttpStatusCode.OK);
        await ExpectAsync(create, HttpStatusCode.BadRequest, "is not known");
        Assert.That(await GetTextAsync("/-/"), Does.Not.Contain(ProbeCategory));
        Assert.That(await StoredBelowAsync("/probe/"), Is.Empty);
    }

    [Test]
    public async Task A_kind_moved_while_a_create_of_its_entity_is_in_flight_is_409_and_keeps_its_location()
    {
        await DefineProbeAsync();
        _store.PutsBelow = "/probe/";
        var (create, move, _) = await RaceAsync(_store.Puts, () => SendAsync(HttpMethod.Post, "/probe/", ProbeCategory),
            () => SendAsync(HttpMethod.Put, "/-/", ProbeDefinition("/probe-moved/")));

        await ExpectAsync(create, HttpStatusCode.Created);
        Assert.That(create.Headers.Location!.AbsolutePath, Does.StartWith("/probe/"));
        await ExpectAsync(move, HttpStatusCode.Conflict, "its location stays");
        Assert.That(await GetTextAsync("/-/"), Does.Contain($"location=\"{Server.Root}/probe/\"").And.Not.Contain("probe-moved"));
        Assert.That(await GetTextAsync("/probe/"), Does.Contain(create.Headers.Location!.AbsolutePath));
    }

    [Test]
    public async Task A_kind_deleted_while_a_multi_resource_create_of_its_entities_is_in_flight_is_409_and_all_are_created()
    {
        await DefineProbeAsync();
        _store.PutsBelow = "/probe/p-1";
        var resources = new JsonObject
        {
            ["resources"] = new JsonArray(new JsonObject { ["kind"] = Scheme + "probe", ["id"] = "p-1" }, new JsonObject { ["kind"] = Scheme + "probe", ["id"] = "p-2" }),
        };
        var (create, delete, _) = await RaceAsync(_store.Puts, async () => (await PyOcniAsync(HttpMethod.Post, "/probe/", resources)).Response, DeleteProbeKindAsync);

        await ExpectAsync(create, HttpStatusCode.Created);
        await ExpectAsync(delete, HttpStatusCode.Conflict, "has entities");
        Assert.That((await StoredBelowAsync("/probe/")).Select(r => r.Entity.Location), Is.EquivalentTo(new[] { "/probe/p-1", "/probe/p-2" }));
    }

    [Test]
    public async Task A_location_a_kind_claims_while_an_entity_is_put_there_is_409_and_the_entity_stays()
    {
        _store.PutsBelow = "/claimed/";
        var (put, claim, _) = await RaceAsync(_store.Puts, () => SendAsync(HttpMethod.Put, "/claimed/vm-1", OcciText.ComputeCategory),
            () => SendAsync(HttpMethod.Post, "/-/", ProbeDefinition("/claimed/")));

        await ExpectAsync(put, HttpStatusCode.Created);
        await ExpectAsync(claim, HttpStatusCode.Conflict, "already holds entities");
        Assert.That(await GetTextAsync("/-/"), Does.Not.Contain(ProbeCategory));
        Assert.That(await GetTextAsync("/claimed/vm-1"), Does.Contain(OcciText.ComputeCategory));
    }

    private const string MineCategory = "Category: mine; scheme=\"http://example.org/occi/user#\"; class=\"mixin\"";

    [Test]
    public async Task A_location_a_user_mixin_claims_while_an_entity_is_put_there_is_409_and_the_entity_stays()
    {
        _store.PutsBelow = "/claimed/";
        var (put, claim, _) = await RaceAsync(_store.Puts, () => SendAsync(HttpMethod.Put, "/claimed/vm-1", OcciText.ComputeCategory),
            () => SendAsync(HttpMethod.Post, "/-/", MineCategory + "; location=\"/claimed/\""));

        await ExpectAsync(put, HttpStatusCode.Created);
        await ExpectAsync(claim, HttpStatusCode.Conflict, "already holds entities");
        Assert.That(await GetTextAsync("/-/"), Does.Not.Contain(MineCategory));
        Assert.That(await GetTextAsync("/claimed/vm-1"), Does.Contain(OcciText.ComputeCategory));
    }

    [Test]
    public async Task A_location_a_user_mixin_is_moved_to_while_an_entity_is_put_there_is_409_and_the_mixin_stays()
    {
        await ExpectAsync(await SendAsync(HttpMethod.Post, "/-/", MineCategory + "; location=\"/mine/\""), HttpStatusCode.OK);
        _store.PutsBelow = "/claimed/";
        var (put, move, _) = await RaceAsync(_store.Puts, () => SendAsync(HttpMethod.Put, "/claimed/vm-1", OcciText.ComputeCategory),
            () => SendAsync(HttpMethod.Put, "/-/", MineCategory + "; location=\"/claimed/\""));

        await ExpectAsync(put, HttpStatusCode.Created);
        await ExpectAsync(move, HttpStatusCode.Conflict, "already holds entities");
        Assert.That(await GetTextAsync("/-/"), Does.Contain($"location=\"{Server.Root}/mine/\"").And.Not.Contain("/claimed/"));
        Assert.That(await GetTextAsync("/claimed/vm-1"), Does.Contain(OcciText.ComputeCategory));
    }

    private const string MineScheme = "scheme=\"http://example.org/occi/user#\"";

    private async Task<string> MineAndAComputeAsync()
    {
        await ExpectAsync(await SendAsync(HttpMethod.Post, "/-/", MineCategory + "; location=\"/mine/\""), HttpStatusCode.OK);
        var compute = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory);
        await ExpectAsync(compute, HttpStatusCode.Created);
        return compute.Headers.Location!.AbsolutePath;
    }

    [Test]
    public async Task A_user_mixin_deleted_while_an_update_gives_it_to_an_entity_waits_and_takes_it_off_that_entity()
    {
        var compute = await MineAndAComputeAsync();
        _store.PutsBelow = compute;
        var (update, delete, answered) = await RaceAsync(_store.Puts, () => SendAsync(HttpMethod.Post, compute, MineCategory),
            () => SendAsync(HttpMethod.Delete, "/-/", MineCategory));

        Assert.That(answered, Is.False, "the mixin's delete answered while an update giving it was in flight");
        await ExpectAsync(update, HttpStatusCode.OK);
        await ExpectAsync(delete, HttpStatusCode.OK);
        Assert.That(await GetTextAsync(compute), Does.Not.Contain(MineScheme), "no entity keeps a mixin that is gone");
        Assert.That(await GetTextAsync("/-/"), Does.Not.Contain(MineScheme));
    }

    [Test]
    public async Task A_user_mixin_deleted_while_an_entity_joins_its_collection_waits_and_takes_it_off_that_entity()
    {
        var compute = await MineAndAComputeAsync();
        var (join, delete, answered) = await RaceAsync(_store.Associations, () => SendAsync(HttpMethod.Post, "/mine/", $"X-OCCI-Location: {Server.Root}{compute}"),
            () => SendAsync(HttpMethod.Delete, "/-/", MineCategory));

        Assert.That(answered, Is.False, "the mixin's delete answered while an entity was joining its collection");
        await ExpectAsync(join, HttpStatusCode.OK);
        await ExpectAsync(delete, HttpStatusCode.OK);
        Assert.That(await GetTextAsync(compute), Does.Not.Contain(MineScheme));
    }

    [Test]
    public async Task A_user_mixin_deleted_while_a_create_given_it_is_in_flight_waits_and_takes_it_off_the_new_entity()
    {
        await ExpectAsync(await SendAsync(HttpMethod.Post, "/-/", MineCategory + "; location=\"/mine/\""), HttpStatusCode.OK);
        _store.PutsBelow = "/compute/";
        var (create, delete, answered) = await RaceAsync(_store.Puts, () => SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory + "\n" + MineCategory),
            () => SendAsync(HttpMethod.Delete, "/-/", MineCategory));

        Assert.That(answered, Is.False, "the mixin's delete answered while a create giving it was in flight");
        await ExpectAsync(create, HttpStatusCode.Created);
        await ExpectAsync(delete, HttpStatusCode.OK);
        Assert.That(await GetTextAsync(create.Headers.Location!.AbsolutePath), Does.Not.Contain(MineScheme));
    }

    [Test]
    public async Task A_compute_created_while_a_kind_change_is_under_way_does_not_wait_for_it()
    {
        await DefineProbeAsync();
        var (delete, compute, answered) = await RaceAsync(_store.Counts, DeleteProbeKindAsync, () => SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory));

        Assert.That(answered, Is.True, "the compute was created while the kind delete held the turn");
        await ExpectAsync(delete, HttpStatusCode.OK);
        await ExpectAsync(compute, HttpStatusCode.Created);
    }

    private const string Poke = "Category: poke; scheme=\"http://example.org/occi/probe/action#\"; class=\"action\"";

    /// <summary>Defines the probe kind with an attribute and an action (pyOCNI's JSON), and makes one probe; returns its location.</summary>
    private async Task<string> ProbeWithColourAndPokeAsync()
    {
        var body = new JsonObject
        {
            ["kinds"] = new JsonArray(new JsonObject
            {
                ["term"] = "probe", ["scheme"] = Scheme, ["title"] = "Probe", ["location"] = "/probe/",
                ["related"] = new JsonArray("http://schemas.ogf.org/occi/core#resource"),
                ["attributes"] = new JsonObject { ["probe"] = new JsonObject { ["colour"] = new JsonObject { ["type"] = "string", ["mutable"] = true } } },
                ["actions"] = new JsonArray("http://example.org/occi/probe/action#poke"),
            }),
            ["actions"] = new JsonArray(new JsonObject { ["term"] = "poke", ["scheme"] = "http://example.org/occi/probe/action#", ["title"] = "Poke" }),
        };
        var (defined, text) = await PyOcniAsync(HttpMethod.Post, "/-/", body);
        Assert.That(defined.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var created = await SendAsync(HttpMethod.Post, "/probe/", ProbeCategory);
        await ExpectAsync(created, HttpStatusCode.Created);
        return created.Headers.Location!.AbsolutePath;
    }

    [Test]
    public async Task A_kind_redefined_while_an_update_of_its_entity_is_in_flight_waits_for_the_update()
    {
        var probe = await ProbeWithColourAndPokeAsync();
        _store.PutsBelow = probe;
        var (update, redefine, answered) = await RaceAsync(_store.Puts,
            () => SendAsync(HttpMethod.Post, probe, ProbeCategory + "\nX-OCCI-Attribute: probe.colour=\"red\""),
            () => SendAsync(HttpMethod.Put, "/-/", ProbeDefinition("/probe/")));

        Assert.That(answered, Is.False, "the redefinition answered while an update checked against the definition it replaces was in flight");
        await ExpectAsync(update, HttpStatusCode.OK);
        await ExpectAsync(redefine, HttpStatusCode.OK);
        Assert.That(await GetTextAsync(probe), Does.Contain("probe.colour=\"red\""));
        Assert.That(await GetTextAsync("/-/"), Does.Not.Contain("probe.colour"));
    }

    [Test]
    public async Task A_kind_redefined_while_an_action_on_its_entity_is_in_flight_waits_for_the_action()
    {
        var probe = await ProbeWithColourAndPokeAsync();
        _store.PutsBelow = probe;
        var (poke, redefine, answered) = await RaceAsync(_store.Puts, () => SendAsync(HttpMethod.Post, probe + "?action=poke", Poke),
            () => SendAsync(HttpMethod.Put, "/-/", ProbeDefinition("/probe/")));

        Assert.That(answered, Is.False, "the redefinition answered while an action it removes was in flight");
        await ExpectAsync(poke, HttpStatusCode.OK);
        await ExpectAsync(redefine, HttpStatusCode.OK);
        await ExpectAsync(await SendAsync(HttpMethod.Post, probe + "?action=poke", Poke), HttpStatusCode.BadRequest, "is not defined for");
    }

    [Test]
    public async Task A_compute_updated_while_a_kind_change_is_under_way_does_not_wait_for_it()
    {
        await DefineProbeAsync();
        var compute = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory);
        await ExpectAsync(compute, HttpStatusCode.Created);
        var (delete, update, answered) = await RaceAsync(_store.Counts, DeleteProbeKindAsync,
            () => SendAsync(HttpMethod.Post, compute.Headers.Location!.AbsolutePath, OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.core.title=\"mine\""));

        Assert.That(answered, Is.True, "the compute was updated while the kind delete held the turn");
        await ExpectAsync(delete, HttpStatusCode.OK);
        await ExpectAsync(update, HttpStatusCode.OK);
    }

    [Test]
    public async Task A_kind_whose_location_lies_inside_another_collection_is_409()
    {
        var inside = await SendAsync(HttpMethod.Post, "/-/", ProbeDefinition("/compute/probes/"));
        await ExpectAsync(inside, HttpStatusCode.Conflict, "collections do not nest");
        var around = await SendAsync(HttpMethod.Post, "/-/", ProbeDefinition("/link/"));
        Assert.That(around.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await around.Content.ReadAsStringAsync());
        Assert.That(await GetTextAsync("/-/"), Does.Not.Contain(ProbeCategory));
    }
}
