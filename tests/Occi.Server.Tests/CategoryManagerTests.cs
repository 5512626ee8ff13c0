using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Occi.Backends.Local;
using Occi.Core.StoreContracts;
using Occi.Server.Tests.Support;
using static Occi.Server.Tests.Support.Json11Client;

namespace Occi.Server.Tests;

/// <summary>
/// pyOCNI's category manager on /-/ (issue 19) over HTTP, with pyOCNI's documented bodies (../shared/fixtures/pyocni):
/// kinds and actions defined, redefined and deleted at run time, kept across a restart, their entities served by the
/// store alone; what the server defines itself cannot be redefined or deleted (409), and a refused change changes nothing.
/// </summary>
public class CategoryManagerTests : PyOcniServerTest
{

    /// <summary>The scheme post_categories.json's compute kind is given here: its own, as GFD.184's compute is the server's.</summary>
    private const string Scheme = "http://pyocni.example.org/occi/infrastructure#";
    private const string Kind = Scheme + "compute";
    private const string Location = "/pyocni/compute/";

    /// <summary>post_categories.json with its kind moved to a scheme and location of its own.</summary>
    private static JsonObject OwnKind(string file = "post_categories.json")
    {
        var body = Fixture(file);
        var kind = (JsonObject)body["kinds"]![0]!;
        kind["scheme"] = Scheme;
        kind["location"] = Location;
        return body;
    }

    private async Task<JsonObject> ModelAsync()
    {
        var (response, text) = await PyOcniAsync(HttpMethod.Get, "/-/", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return Object(text);
    }

    private async Task DefineAsync(JsonObject body)
    {
        var (response, text) = await PyOcniAsync(HttpMethod.Post, "/-/", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
    }

    private static JsonObject? KindIn(JsonObject model, string id) => Part(model, "kinds").FirstOrDefault(k => IdOf(k) == id);

    /// <summary>
    /// A hostname post_categories.json's pattern takes: the published JSON escapes its backslashes twice, so the pattern
    /// asks for a backslash before each label's dot; a name as DNS writes it is refused (see the test of that).
    /// </summary>
    private const string Hostname = "web-1\\.";

    /// <summary>post_resources.json's resource, of the runtime kind, with its hostname instead of the site's mixins.</summary>
    private static JsonObject Resource(string id, string hostname = Hostname)
    {
        var body = Fixture("post_resources.json");
        var resource = (JsonObject)body["resources"]![0]!;
        resource.Remove("mixins");
        resource["kind"] = Kind;
        resource["id"] = id;
        resource["attributes"] = new JsonObject { ["occi"] = new JsonObject { ["compute"] = new JsonObject { ["hostname"] = hostname } } };
        return body;
    }

    private async Task<string> StatusAfterAsync(Func<Task<(HttpResponseMessage Response, string Body)>> request, HttpStatusCode expected, string says)
    {
        var before = (await ModelAsync()).ToJsonString();
        var (response, text) = await request();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        Assert.That(Object(text)["error"]!["message"]!.GetValue<string>(), Does.Contain(says));
        Assert.That((await ModelAsync()).ToJsonString(), Is.EqualTo(before), "a refused change changes nothing");
        return text;
    }

    [Test]
    public async Task Post_categories_as_published_is_409_naming_the_built_in_compute_kind_and_changes_nothing() =>
        await StatusAfterAsync(() => PyOcniAsync(HttpMethod.Post, "/-/", Fixture("post_categories.json")), HttpStatusCode.Conflict,
            "kind http://schemas.ogf.org/occi/infrastructure#compute is built in");

    [Test]
    public async Task Post_categories_defines_a_runtime_kind_that_the_query_interface_shows()
    {
        await DefineAsync(OwnKind());
        var kind = KindIn(await ModelAsync(), Kind);
        Assert.That(kind, Is.Not.Null);
        Assert.That((string?)kind!["location"], Is.EqualTo(Location));
        Assert.That((string?)kind["title"], Is.EqualTo("Compute Resource"));
        Assert.That(kind["attributes"]!["occi"]!["compute"]!["hostname"]!["mutable"]!.GetValue<bool>(), Is.True);
        Assert.That(kind["actions"]!.AsArray().Select(a => (string)a!), Does.Contain("http://schemas.ogf.org/occi/infrastructure/compute/action#restart"));
        var (collection, text) = await PyOcniAsync(HttpMethod.Get, Location, null);
        Assert.That(collection.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
    }

    [Test]
    public async Task Entities_of_a_runtime_kind_are_created_read_updated_acted_on_and_deleted_in_the_store_alone()
    {
        await DefineAsync(OwnKind());
        var (created, text) = await PyOcniAsync(HttpMethod.Post, Location, Resource("vm-a"));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        Assert.That(Object(text)["Location"]![0]!.GetValue<string>(), Is.EqualTo(Server.Root + Location + "vm-a"));
        var local = Server.Services.GetRequiredService<LocalBackend>();
        Assert.That(local.Count, Is.Zero, "no cloud is behind a runtime kind without a provider");

        var read = Object((await PyOcniAsync(HttpMethod.Get, Location + "vm-a", null)).Body)["resources"]![0]!;
        Assert.That(read["attributes"]!["occi"]!["compute"]!["hostname"]!.GetValue<string>(), Is.EqualTo(Hostname));
        Assert.That(read["attributes"]!["occi"]!["compute"]!["state"]!.GetValue<string>(), Is.EqualTo("inactive"), "the definition's default");

        var update = new JsonObject { ["resources"] = new JsonArray(new JsonObject { ["attributes"] = new JsonObject { ["occi"] = new JsonObject { ["compute"] = new JsonObject { ["hostname"] = "web-2\\.db\\." } } } }) };
        (var updated, text) = await PyOcniAsync(HttpMethod.Post, Location + "vm-a", update);
        Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);

        var start = new JsonObject { ["actions"] = new JsonArray(new JsonObject { ["term"] = "start", ["scheme"] = "http://schemas.ogf.org/occi/infrastructure/compute/action#" }), ["attributes"] = new JsonObject() };
        (var acted, text) = await PyOcniAsync(HttpMethod.Post, Location + "vm-a?action=start", start);
        Assert.That(acted.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);

        var after = Object((await PyOcniAsync(HttpMethod.Get, Location + "vm-a", null)).Body)["resources"]![0]!["attributes"]!["occi"]!["compute"]!;
        Assert.That(after["hostname"]!.GetValue<string>(), Is.EqualTo("web-2\\.db\\."));
        Assert.That(after["state"]!.GetValue<string>(), Is.EqualTo("inactive"), "an action with no cloud behind it leaves the state as it is");
        Assert.That(await GetTextAsync(Location, accept: "text/uri-list"), Does.Contain(Location + "vm-a"));

        var deleted = await SendAsync(HttpMethod.Delete, Location + "vm-a");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await SendAsync(HttpMethod.Get, Location + "vm-a")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(local.Count, Is.Zero);
    }

    [Test]
    public async Task Attributes_of_a_runtime_kind_entity_are_checked_against_its_definitions()
    {
        await DefineAsync(OwnKind());
        var body = Resource("vm-b");
        body["resources"]![0]!["attributes"]!["occi"]!["compute"]!["state"] = "exploded";
        var (response, text) = await PyOcniAsync(HttpMethod.Post, Location, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(text, Does.Contain("occi.compute.state"));
        Assert.That((await SendAsync(HttpMethod.Get, Location + "vm-b")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        (response, text) = await PyOcniAsync(HttpMethod.Post, Location, Resource("vm-b", hostname: "web-1.example.org"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(text, Does.Contain("occi.compute.hostname"));
    }

    [Test]
    public async Task A_runtime_action_of_a_runtime_kind_is_accepted_and_leaves_the_entity_as_it_was()
    {
        var body = new JsonObject
        {
            ["kinds"] = new JsonArray(new JsonObject
            {
                ["term"] = "sensor", ["scheme"] = "http://example.org/occi/sensor#", ["title"] = "Sensor", ["location"] = "/sensor/",
                ["related"] = new JsonArray("http://schemas.ogf.org/occi/core#resource"),
                ["attributes"] = new JsonObject { ["sensor"] = new JsonObject { ["unit"] = new JsonObject { ["type"] = "string", ["required"] = true, ["mutable"] = true } } },
                ["actions"] = new JsonArray("http://example.org/occi/sensor/action#ping"),
            }),
            ["actions"] = new JsonArray(new JsonObject
            {
                ["term"] = "ping", ["scheme"] = "http://example.org/occi/sensor/action#", ["title"] = "Ping",
                ["attributes"] = new JsonObject { ["count"] = new JsonObject { ["type"] = "number", ["mutable"] = true } },
            }),
        };
        await DefineAsync(body);
        Assert.That(Part(await ModelAsync(), "actions").Select(IdOf), Does.Contain("http://example.org/occi/sensor/action#ping"));
        var missing = await SendAsync(HttpMethod.Post, "/sensor/", "Category: sensor; scheme=\"http://example.org/occi/sensor#\"; class=\"kind\"");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "sensor.unit is required");
        var sensor = await CreateAsync("/sensor/", "Category: sensor; scheme=\"http://example.org/occi/sensor#\"; class=\"kind\"\nX-OCCI-Attribute: sensor.unit=\"K\"");
        var before = await GetTextAsync(sensor);
        var ping = await SendAsync(HttpMethod.Post, sensor + "?action=ping",
            "Category: ping; scheme=\"http://example.org/occi/sensor/action#\"; class=\"action\"\nX-OCCI-Attribute: count=3");
        Assert.That(ping.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ping.Content.ReadAsStringAsync());
        Assert.That(await GetTextAsync(sensor), Does.Contain("sensor.unit=\"K\""));
        Assert.That(before, Does.Contain("sensor.unit=\"K\""));
    }

    [Test]
    public async Task A_kind_defined_in_a_text_plain_Category_is_served()
    {
        var defined = await SendAsync(HttpMethod.Post, "/-/",
            "Category: probe; scheme=\"http://example.org/occi/probe#\"; class=\"kind\"; title=\"Probe\"; rel=\"http://schemas.ogf.org/occi/core#resource\"; location=\"/probe/\"; attributes=\"probe.target{required}\"");
        Assert.That(defined.StatusCode, Is.EqualTo(HttpStatusCode.OK), await defined.Content.ReadAsStringAsync());
        Assert.That(await GetTextAsync("/-/"), Does.Contain("Category: probe; scheme=\"http://example.org/occi/probe#\"; class=\"kind\""));
        var probe = await CreateAsync("/probe/", "Category: probe; scheme=\"http://example.org/occi/probe#\"; class=\"kind\"\nX-OCCI-Attribute: probe.target=\"db-1\"");
        Assert.That(await GetTextAsync(probe), Does.Contain("probe.target=\"db-1\""));
    }

    [Test]
    public async Task Put_categories_redefines_a_runtime_kind()
    {
        await DefineAsync(OwnKind());
        var body = OwnKind();
        var kind = (JsonObject)body["kinds"]![0]!;
        kind["title"] = "Compute, redefined";
        kind["attributes"]!["occi"]!["compute"]!["hostname"]!["required"] = true;
        var (response, text) = await PyOcniAsync(HttpMethod.Put, "/-/", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That((string?)KindIn(await ModelAsync(), Kind)!["title"], Is.EqualTo("Compute, redefined"));
        var bare = Resource("vm-c");
        bare["resources"]![0]!["attributes"] = new JsonObject();
        (response, text) = await PyOcniAsync(HttpMethod.Post, Location, bare);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "hostname is required now: " + text);
    }

    [Test]
    public async Task Put_categories_as_published_is_409_as_resource_tpl_is_built_in() =>
        await StatusAfterAsync(() => PyOcniAsync(HttpMethod.Put, "/-/", Fixture("put_categories.json")), HttpStatusCode.Conflict,
            "http://schemas.ogf.org/occi/infrastructure#resource_tpl is built in");

    [Test]
    public async Task Put_of_a_kind_that_does_not_exist_is_404_and_changes_nothing() =>
        await StatusAfterAsync(() => PyOcniAsync(HttpMethod.Put, "/-/", OwnKind()), HttpStatusCode.NotFound, "no kind " + Kind);

    [Test]
    public async Task Delete_categories_as_published_is_409_as_storage_is_built_in() =>
        await StatusAfterAsync(() => PyOcniAsync(HttpMethod.Delete, "/-/", Fixture("delete_categories.json")), HttpStatusCode.Conflict,
            "kind http://schemas.ogf.org/occi/infrastructure#storage is built in");

    [Test]
    public async Task Delete_categories_removes_a_runtime_kind_once_it_has_no_entities()
    {
        await DefineAsync(OwnKind());
        var (created, text) = await PyOcniAsync(HttpMethod.Post, Location, Resource("vm-d"));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        var delete = Fixture("delete_categories.json");
        delete["kinds"]![0]!["scheme"] = Scheme;
        delete["kinds"]![0]!["term"] = "compute";
        await StatusAfterAsync(() => PyOcniAsync(HttpMethod.Delete, "/-/", delete), HttpStatusCode.Conflict, "has entities");

        Assert.That((await SendAsync(HttpMethod.Delete, Location + "vm-d")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var (deleted, deletedText) = await PyOcniAsync(HttpMethod.Delete, "/-/", delete);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK), deletedText);
        Assert.That(KindIn(await ModelAsync(), Kind), Is.Null);
        Assert.That((await SendAsync(HttpMethod.Get, Location)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await Server.Services.GetRequiredService<ICategoryStore>().ListRuntimeCategoriesAsync(CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task A_kind_location_another_category_holds_is_409_and_changes_nothing()
    {
        var body = OwnKind();
        body["kinds"]![0]!["location"] = "/storage/";
        await StatusAfterAsync(() => PyOcniAsync(HttpMethod.Post, "/-/", body), HttpStatusCode.Conflict,
            "location /storage/ of kind " + Kind + " is already the location of kind http://schemas.ogf.org/occi/infrastructure#storage");
    }

    [TestCase("related", "http://example.org/nowhere#thing", "names http://example.org/nowhere#thing as its parent, which this server does not know")]
    [TestCase("actions", "http://example.org/nowhere/action#jump", "names action http://example.org/nowhere/action#jump, which this server does not know")]
    [TestCase("location", "compute", "must be a path that starts and ends with '/'")]
    [TestCase("location", null, "needs a location")]
    public async Task Bad_kind_definitions_are_400_saying_what_is_wrong_and_change_nothing(string part, string? value, string says)
    {
        var body = OwnKind();
        var kind = (JsonObject)body["kinds"]![0]!;
        kind[part] = part is "related" or "actions" ? new JsonArray(value!) : value;
        if (value is null) kind.Remove(part);
        await StatusAfterAsync(() => PyOcniAsync(HttpMethod.Post, "/-/", body), HttpStatusCode.BadRequest, says);
    }

    [Test]
    public async Task Runtime_kinds_actions_and_their_providers_survive_a_restart_on_the_same_data_folder()
    {
        var body = OwnKind();
        body["actions"] = new JsonArray(new JsonObject { ["term"] = "reboot", ["scheme"] = "http://pyocni.example.org/occi/compute/action#", ["title"] = "Reboot" });
        body["kinds"]![0]!["actions"]!.AsArray().Add("http://pyocni.example.org/occi/compute/action#reboot");
        await DefineAsync(body);
        var providers = Fixture("update_provider.json");
        providers["providers"]![0]!["OCCI_ID"] = Kind;
        providers["providers"]![0]!["Provider"]!["remote"] = new JsonArray();
        var (assigned, text) = await PyOcniAsync(HttpMethod.Put, "/-/", providers);
        Assert.That(assigned.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        (var created, text) = await PyOcniAsync(HttpMethod.Post, Location, Resource("vm-e"));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        var before = await ModelAsync();

        Server = await Server.RestartAsync(Settings);

        var after = await ModelAsync();
        Assert.That(KindIn(after, Kind)!.ToJsonString(), Is.EqualTo(KindIn(before, Kind)!.ToJsonString()));
        Assert.That(Part(after, "actions").Select(IdOf), Does.Contain("http://pyocni.example.org/occi/compute/action#reboot"));
        var stored = (await Server.Services.GetRequiredService<ICategoryStore>().ListRuntimeCategoriesAsync(CancellationToken.None)).Single(c => c.Id.Identity == Kind);
        Assert.That(stored.Providers.Local, Is.EqualTo(new[] { "dummy" }));
        var read = Object((await PyOcniAsync(HttpMethod.Get, Location + "vm-e", null)).Body)["resources"]![0]!;
        Assert.That(read["attributes"]!["occi"]!["compute"]!["hostname"]!.GetValue<string>(), Is.EqualTo(Hostname));
    }

    [Test]
    public async Task Update_provider_as_published_is_409_as_compute_is_built_in() =>
        await StatusAfterAsync(() => PyOcniAsync(HttpMethod.Put, "/-/", Fixture("update_provider.json")), HttpStatusCode.Conflict,
            "kind http://schemas.ogf.org/occi/infrastructure#compute is built in");

    [Test]
    public async Task Update_provider_naming_a_provider_that_is_not_configured_is_400()
    {
        await DefineAsync(OwnKind());
        var providers = Fixture("update_provider.json");
        providers["providers"]![0]!["OCCI_ID"] = Kind;
        var (response, text) = await PyOcniAsync(HttpMethod.Put, "/-/", providers);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(text, Does.Contain("provider 'Bilel'"));
        var stored = (await Server.Services.GetRequiredService<ICategoryStore>().ListRuntimeCategoriesAsync(CancellationToken.None)).Single();
        Assert.That(stored.Providers.Local.Concat(stored.Providers.Remote), Is.Empty);
    }

    [Test]
    public async Task Update_provider_naming_the_configured_provider_sends_the_kinds_entities_to_it()
    {
        await DefineAsync(OwnKind());
        var providers = Fixture("update_provider.json");
        providers["providers"]![0]!["OCCI_ID"] = Kind;
        providers["providers"]![0]!["Provider"]!["remote"] = new JsonArray("local"); // Occi:Backend=Local's provider
        var (response, text) = await PyOcniAsync(HttpMethod.Put, "/-/", providers);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var router = Server.Services.GetRequiredService<Occi.Server.Backends.IProviderRouter>();
        Assert.That(router.TryGetAssignment(Occi.Core.Model.CategoryId.Parse(Kind), out var provider) ? provider : null, Is.EqualTo("local"));

        // The simulator serves GFD.184's kinds only: it refuses, and nothing is stored.
        (response, text) = await PyOcniAsync(HttpMethod.Post, Location, Resource("vm-f"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(text, Does.Contain("the local backend does not manage entities of kind " + Kind));
        Assert.That((await SendAsync(HttpMethod.Get, Location + "vm-f")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        providers["providers"]![0]!["Provider"]!["remote"] = new JsonArray();
        (response, text) = await PyOcniAsync(HttpMethod.Put, "/-/", providers);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(router.TryGetAssignment(Occi.Core.Model.CategoryId.Parse(Kind), out _), Is.False, "the store alone again");
        (response, text) = await PyOcniAsync(HttpMethod.Post, Location, Resource("vm-f"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);

        providers["providers"]![0]!["Provider"]!["remote"] = new JsonArray("local");
        await StatusAfterAsync(() => PyOcniAsync(HttpMethod.Put, "/-/", providers), HttpStatusCode.Conflict, "they stay with the provider that made them (the store alone)");
    }

    [Test]
    public async Task A_kind_defined_in_a_text_occi_Category_header_is_served()
    {
        var request = Server.Request(HttpMethod.Post, "/-/");
        request.Headers.TryAddWithoutValidation("Category",
            "meter; scheme=\"http://example.org/occi/meter#\"; class=\"kind\"; title=\"Meter\"; location=\"/meter/\"; attributes=\"meter.reading\"");
        request.Content = new StringContent("", System.Text.Encoding.UTF8, "text/occi");
        var defined = await Http.SendAsync(request);
        Assert.That(defined.StatusCode, Is.EqualTo(HttpStatusCode.OK), await defined.Content.ReadAsStringAsync());
        var meter = await CreateAsync("/meter/", "Category: meter; scheme=\"http://example.org/occi/meter#\"; class=\"kind\"\nX-OCCI-Attribute: meter.reading=\"42\"");
        Assert.That(await GetTextAsync(meter), Does.Contain("meter.reading=\"42\""));
    }

    [TestCase("{\"providers\":{\"OCCI_ID\":\"x\"}}", "'providers' must be a list")]
    [TestCase("{\"providers\":[{\"Provider\":{\"local\":[\"dummy\"]}}]}", "needs \"OCCI_ID\"")]
    [TestCase("{\"providers\":[{\"Provider\":{\"local\":[3]},\"OCCI_ID\":\"http://example.org/k#k\"}]}", "must list names")]
    [TestCase("{\"providers\":[{\"OCCI_ID\":\"http://example.org/k#k\"}]}", "needs \"Provider\"")]
    public async Task A_malformed_providers_body_is_400_saying_what_is_wrong(string body, string says) =>
        await StatusAfterAsync(() => SendJsonAsync(Server, HttpMethod.Put, "/-/", body, PyOcniAgent), HttpStatusCode.BadRequest, says);

    [Test]
    public async Task An_action_a_kind_names_is_deleted_only_with_that_kind()
    {
        var body = OwnKind();
        body["actions"] = new JsonArray(new JsonObject { ["term"] = "reboot", ["scheme"] = "http://pyocni.example.org/occi/compute/action#" });
        body["kinds"]![0]!["actions"]!.AsArray().Add("http://pyocni.example.org/occi/compute/action#reboot");
        await DefineAsync(body);
        var action = new JsonObject { ["actions"] = new JsonArray(new JsonObject { ["term"] = "reboot", ["scheme"] = "http://pyocni.example.org/occi/compute/action#" }) };
        await StatusAfterAsync(() => PyOcniAsync(HttpMethod.Delete, "/-/", action), HttpStatusCode.Conflict,
            "action http://pyocni.example.org/occi/compute/action#reboot is an action of kind " + Kind);

        var both = new JsonObject
        {
            ["kinds"] = new JsonArray(new JsonObject { ["term"] = "compute", ["scheme"] = Scheme }),
            ["actions"] = new JsonArray(new JsonObject { ["term"] = "reboot", ["scheme"] = "http://pyocni.example.org/occi/compute/action#" }),
        };
        var (response, text) = await PyOcniAsync(HttpMethod.Delete, "/-/", both);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var model = await ModelAsync();
        Assert.That(KindIn(model, Kind), Is.Null);
        Assert.That(Part(model, "actions").Select(IdOf), Does.Not.Contain("http://pyocni.example.org/occi/compute/action#reboot"));
    }
}
