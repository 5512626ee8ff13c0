using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Occi.Backends.Local;
using Occi.Server.Tests.Support;
using static Occi.Server.Tests.Support.Json11Client;

namespace Occi.Server.Tests;

/// <summary>
/// pyOCNI's documented request bodies (../shared/fixtures/pyocni) over HTTP. pyOCNI names no OCCI version in
/// its User-Agent: its bodies show their dialect, but a GET without one does not, so a site serving pyOCNI
/// sets Occi:Json:Dialect=Occi11 (README "JSON dialects"), as here.
/// </summary>
public class PyOcniTests : PyOcniServerTest
{
    private const string Compute = "http://schemas.ogf.org/occi/infrastructure#compute";

    /// <summary>pyOCNI's resource without the mixins only its own site had.</summary>
    private static JsonObject Resource(string file, string? id = null)
    {
        var body = Fixture(file);
        var resource = (JsonObject)body["resources"]![0]!;
        resource.Remove("mixins");
        if (id is not null) resource["id"] = id;
        return body;
    }

    /// <summary>post_resources.json's resource and a copy of it with the given id: several resources in one POST.</summary>
    private static JsonObject TwoResources(string secondId)
    {
        var body = Resource("post_resources.json");
        var second = (JsonObject)body["resources"]![0]!.DeepClone();
        second["id"] = secondId;
        body["resources"]!.AsArray().Add(second);
        return body;
    }

    private async Task<string> CreateJsonAsync(int cores, double memory, double speed)
    {
        var body = new JsonObject
        {
            ["resources"] = new JsonArray(new JsonObject
            {
                ["kind"] = Compute,
                ["attributes"] = new JsonObject { ["occi"] = new JsonObject { ["compute"] = new JsonObject { ["cores"] = cores, ["memory"] = memory, ["speed"] = speed } } },
            })
        };
        var (response, text) = await PyOcniAsync(HttpMethod.Post, "/compute/", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return response.Headers.Location!.AbsolutePath;
    }

    private async Task<JsonObject> GetJsonAsync(string path)
    {
        var (response, text) = await PyOcniAsync(HttpMethod.Get, path, null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return Object(text);
    }

    private async Task<string[]> MembersAsync(string path) =>
        (await GetTextAsync(path, accept: "text/uri-list")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Test]
    public async Task Post_resources_creates_each_and_answers_their_locations()
    {
        var body = TwoResources("22222222-2a9a-504f-8861-aeafd0b2ae29");
        var (response, text) = await PyOcniAsync(HttpMethod.Post, "/compute/", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        var locations = Object(text)["Location"]!.AsArray().Select(l => l!.GetValue<string>()).ToArray();
        Assert.That(locations, Is.EqualTo(new[]
        {
            Server.Root + "/compute/996ad860-2a9a-504f-8861-aeafd0b2ae29", Server.Root + "/compute/22222222-2a9a-504f-8861-aeafd0b2ae29",
        }));
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo(locations[0]));
        Assert.That(await MembersAsync("/compute/"), Is.EquivalentTo(locations));
        var cores = (await GetJsonAsync("/compute/22222222-2a9a-504f-8861-aeafd0b2ae29"))["resources"]![0]!["attributes"]!["occi"]!["compute"]!["cores"]!;
        Assert.That(cores.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public async Task Post_resources_with_one_bad_resource_creates_none()
    {
        var body = Resource("post_resources.json");
        var bad = (JsonObject)body["resources"]![0]!.DeepClone();
        bad["id"] = "33333333-2a9a-504f-8861-aeafd0b2ae29";
        bad["attributes"]!["occi"]!["compute"]!["cores"] = "many";
        body["resources"]!.AsArray().Add(bad);
        var (response, text) = await PyOcniAsync(HttpMethod.Post, "/compute/", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(Object(text)["error"]!["message"]!.GetValue<string>(), Does.Contain("occi.compute.cores"));
        Assert.That(await MembersAsync("/compute/"), Is.Empty, "the first one is not kept");
    }

    [Test]
    public async Task Post_resources_whose_second_fails_in_the_backend_leaves_nothing_in_backend_or_store()
    {
        var body = TwoResources("44444444-2a9a-504f-8861-aeafd0b2ae29");
        var local = Server.Services.GetRequiredService<LocalBackend>();
        using var failure = local.InjectFailure((operation, entity) => operation == LocalOperation.Create && entity?.Id == "44444444-2a9a-504f-8861-aeafd0b2ae29");

        var (response, text) = await PyOcniAsync(HttpMethod.Post, "/compute/", body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway), text);
        var message = Object(text)["error"]!["message"]!.GetValue<string>();
        Assert.That(message, Does.StartWith("resource 2 of 2 (id 44444444-2a9a-504f-8861-aeafd0b2ae29) was not created: "));
        Assert.That(message, Does.EndWith("the 1 created before it was deleted again"));
        Assert.That(local.Count, Is.Zero, "the first one is deleted from the backend");
        Assert.That(await MembersAsync("/compute/"), Is.Empty);
        var store = Server.Services.GetRequiredService<Occi.Core.StoreContracts.IEntityStore>();
        Assert.That(await store.CountAsync(new Occi.Core.StoreContracts.EntityQuery(), CancellationToken.None), Is.Zero, "nor is it left in the store");
    }

    [Test]
    public async Task Post_resources_answers_a_uri_list_client_with_every_location()
    {
        var body = TwoResources("55555555-2a9a-504f-8861-aeafd0b2ae29");
        var (response, text) = await PyOcniAsync(HttpMethod.Post, "/compute/", body, accept: "text/uri-list");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        Assert.That(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), Is.EqualTo(new[]
        {
            Server.Root + "/compute/996ad860-2a9a-504f-8861-aeafd0b2ae29", Server.Root + "/compute/55555555-2a9a-504f-8861-aeafd0b2ae29",
        }));
    }

    [Test]
    public async Task Partial_update_changes_only_the_given_attributes()
    {
        var compute = await CreateJsonAsync(cores: 1, memory: 2.0, speed: 1.0);
        var (response, text) = await PyOcniAsync(HttpMethod.Post, compute, Fixture("partial_update_resource.json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var attributes = (await GetJsonAsync(compute))["resources"]![0]!["attributes"]!["occi"]!["compute"]!;
        Assert.That(attributes["cores"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(attributes["speed"]!.GetValue<double>(), Is.EqualTo(5));
        Assert.That(attributes["memory"]!.GetValue<double>(), Is.EqualTo(2.0));
    }

    [Test]
    public async Task Full_update_replaces_the_resource()
    {
        var compute = await CreateJsonAsync(cores: 1, memory: 2.0, speed: 1.0);
        var (response, text) = await PyOcniAsync(HttpMethod.Put, compute, Resource("full_update_resource.json", id: compute.Split('/')[^1]));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var resource = (await GetJsonAsync(compute))["resources"]![0]!;
        Assert.That(resource["attributes"]!["occi"]!["compute"]!["cores"]!.GetValue<int>(), Is.EqualTo(12));
        Assert.That(resource["attributes"]!["occi"]!["core"]!["title"]!.GetValue<string>(), Is.EqualTo("Compute resource"));
    }

    [Test]
    public async Task Custom_resource_is_created_at_the_path_the_client_chose()
    {
        var (response, text) = await PyOcniAsync(HttpMethod.Put, "/compute/9930", Resource("post_custom_resource.json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo(Server.Root + "/compute/9930"));
        Assert.That(Object(text)["Location"]![0]!.GetValue<string>(), Is.EqualTo(Server.Root + "/compute/9930"));
    }

    [Test]
    public async Task Mixin_membership_is_associated_replaced_and_dissociated_with_location_lists()
    {
        var mixin = new JsonObject
        {
            ["mixins"] = new JsonArray(new JsonObject
            {
                ["term"] = "tagged", ["scheme"] = "http://example.org/occi/tags#", ["title"] = "tagged", ["location"] = "/tagged/", ["related"] = new JsonArray(),
            })
        };
        var (defined, definedText) = await PyOcniAsync(HttpMethod.Post, "/-/", mixin);
        Assert.That(defined.StatusCode, Is.EqualTo(HttpStatusCode.OK), definedText);
        var one = Server.Root + await CreateJsonAsync(1, 1.0, 1.0);
        var two = Server.Root + await CreateJsonAsync(1, 1.0, 1.0);

        JsonObject Listing(string file, params string[] locations)
        {
            var body = Fixture(file);
            body["X-OCCI-Location"] = new JsonArray(locations.Select(l => (JsonNode)l).ToArray());
            return body;
        }

        var (associated, text) = await PyOcniAsync(HttpMethod.Post, "/tagged/", Listing("associate_mixin.json", one, two));
        Assert.That(associated.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(await MembersAsync("/tagged/"), Is.EquivalentTo(new[] { one, two }));

        (var replaced, text) = await PyOcniAsync(HttpMethod.Put, "/tagged/", Listing("update_mixins.json", two));
        Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(await MembersAsync("/tagged/"), Is.EqualTo(new[] { two }));

        (var dissociated, text) = await PyOcniAsync(HttpMethod.Delete, "/tagged/", Listing("dissociate_mixins.json", two));
        Assert.That(dissociated.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(await MembersAsync("/tagged/"), Is.Empty);
    }

    [Test]
    public async Task Get_of_the_query_interface_with_a_filter_body_answers_only_matching_categories()
    {
        var (response, text) = await PyOcniAsync(HttpMethod.Get, "/-/", Fixture("filter_categories.json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var model = Object(text);
        Assert.That(model.Select(p => p.Key), Is.EqualTo(new[] { "actions" }));
        var actions = Part(model, "actions").ToList();
        Assert.That(actions.Select(IdOf), Does.Contain("http://schemas.ogf.org/occi/infrastructure/compute/action#stop"));
        Assert.That(actions.Select(a => a["attributes"]!["method"]), Has.None.Null);
    }

    [Test]
    public async Task Get_of_a_collection_with_a_filter_body_answers_only_matching_members()
    {
        var match = await CreateJsonAsync(cores: 2, memory: 4.0, speed: 2.0);
        await CreateJsonAsync(cores: 1, memory: 1.0, speed: 1.0);
        var (response, text) = await PyOcniAsync(HttpMethod.Get, "/compute/", Fixture("get_resources.json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var ids = Object(text)["resources"]?.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToArray() ?? [];
        Assert.That(ids, Is.EqualTo(new[] { match.Split('/')[^1] }));
    }

    [Test]
    public async Task Trigger_action_on_a_collection_reads_the_action_and_its_attributes()
    {
        // pyOCNI's example gives start networkinterface attributes, which start does not define: the answer says so
        // for the member (how a collection action reports its members is the server's, not this dialect's, matter).
        await CreateJsonAsync(cores: 1, memory: 1.0, speed: 1.0);
        var (_, text) = await PyOcniAsync(HttpMethod.Post, "/compute/?action=start", Fixture("trigger_action.json"));
        Assert.That(text, Does.Contain("'occi.infrastructure.networkinterface.interface' is not defined by action http://schemas.ogf.org/occi/infrastructure/compute/action#start"));
    }
}
