using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Occi.Server.Tests.Support;
using static Occi.Server.Tests.Support.Json11Client;

namespace Occi.Server.Tests;

/// <summary>
/// Which JSON dialect the server answers application/occi+json in (README "JSON dialects"): Occi:Json:Dialect,
/// and with Auto the client's OCCI/1.x User-Agent, else the dialect of its request body, else GFD.226.
/// </summary>
public class Json11DialectTests : ServerTest
{
    private static bool Is11Model(JsonObject model) =>
        Part(model, "kinds").Any(k => k["related"] is JsonArray) && Part(model, "kinds").All(k => k["attributes"] is JsonObject a && a.All(p => !p.Key.Contains('.')));

    private static bool Is12Model(JsonObject model) =>
        Part(model, "kinds").All(k => k["related"] is null) && Part(model, "kinds").Any(k => k["attributes"] is JsonObject a && a.Any(p => p.Key.Contains('.')));

    [Test]
    public async Task Rocci_4_is_answered_in_OCCI_1_1_JSON()
    {
        var (response, body) = await SendJsonAsync(Server, HttpMethod.Get, "/-/");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo(Json));
        Assert.That(Is11Model(Object(body)), Is.True, body[..Math.Min(400, body.Length)]);
    }

    [Test]
    public async Task An_OCCI_1_2_client_and_one_that_does_not_say_are_answered_in_GFD_226()
    {
        foreach (var agent in new[] { Occi12Agent, null })
        {
            var (response, body) = await SendJsonAsync(Server, HttpMethod.Get, "/-/", userAgent: agent);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(Is12Model(Object(body)), Is.True, agent ?? "no User-Agent");
        }
    }

    [Test]
    public async Task Both_dialects_are_cached_apart()
    {
        for (var i = 0; i < 2; i++)
        {
            Assert.That(Is11Model(Object((await SendJsonAsync(Server, HttpMethod.Get, "/-/")).Body)), Is.True);
            Assert.That(Is12Model(Object((await SendJsonAsync(Server, HttpMethod.Get, "/-/", userAgent: Occi12Agent)).Body)), Is.True);
        }
    }

    [Test]
    public async Task A_client_that_does_not_say_is_answered_in_the_dialect_of_its_body()
    {
        const string body11 = """{"resources":[{"kind":"http://schemas.ogf.org/occi/infrastructure#compute","attributes":{"occi":{"core":{"title":"eleven"}}}}]}""";
        var (created11, text11) = await SendJsonAsync(Server, HttpMethod.Post, "/compute/", body11, userAgent: null);
        Assert.That(created11.StatusCode, Is.EqualTo(HttpStatusCode.Created), text11);
        Assert.That(Object(text11)["Location"]![0]!.GetValue<string>(), Is.EqualTo(created11.Headers.Location!.ToString()));

        const string body12 = """{"kind":"http://schemas.ogf.org/occi/infrastructure#compute","attributes":{"occi.core.title":"twelve"}}""";
        var (created12, text12) = await SendJsonAsync(Server, HttpMethod.Post, "/compute/", body12, userAgent: null);
        Assert.That(created12.StatusCode, Is.EqualTo(HttpStatusCode.Created), text12);
        Assert.That(Object(text12)["attributes"]!["occi.core.title"]!.GetValue<string>(), Is.EqualTo("twelve"));
    }

    [Test]
    public async Task A_1_1_body_from_an_OCCI_1_2_client_is_read_and_answered_in_1_2()
    {
        const string body11 = """{"resources":[{"kind":"http://schemas.ogf.org/occi/infrastructure#compute","attributes":{"occi":{"core":{"title":"mixed"}}}}]}""";
        var (created, text) = await SendJsonAsync(Server, HttpMethod.Post, "/compute/", body11, userAgent: Occi12Agent);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        Assert.That(Object(text)["attributes"]!["occi.core.title"]!.GetValue<string>(), Is.EqualTo("mixed"));
    }

    [Test]
    public async Task An_entity_is_answered_with_nested_attributes_in_resources()
    {
        var compute = await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"nested\"");
        var (response, body) = await SendJsonAsync(Server, HttpMethod.Get, compute);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var resource = Object(body)["resources"]![0]!;
        Assert.That(resource["attributes"]!["occi"]!["core"]!["title"]!.GetValue<string>(), Is.EqualTo("nested"));
        Assert.That(resource["id"]!.GetValue<string>(), Is.EqualTo(compute.Split('/')[^1]));
    }

    [Test]
    public async Task Errors_are_a_json_object_in_either_dialect()
    {
        var (response, body) = await SendJsonAsync(Server, HttpMethod.Post, "/compute/", """{"resources":[{"kind":"nonsense"}]}""");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(Object(body)["error"]!["message"]!.GetValue<string>(), Does.Contain("nonsense"));
        Assert.That((await GetTextAsync("/compute/", accept: "text/uri-list")).Trim(), Is.Empty, "a 4xx creates nothing");
    }
}

/// <summary>Occi:Json:Dialect fixed to one dialect, whatever the client says.</summary>
[TestFixture("Occi11", null, true)]
[TestFixture("Occi12", RocciAgent, false)]
[TestFixture("occi11", Occi12Agent, true)]
public class Json11ConfiguredDialectTests(string dialect, string? agent, bool answers11) : ServerTest
{
    protected override (string Key, string Value)[] Settings => [("Occi:Json:Dialect", dialect)];

    [Test]
    public async Task The_configured_dialect_answers()
    {
        var (response, body) = await SendJsonAsync(Server, HttpMethod.Get, "/-/", userAgent: agent);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(Part(Object(body), "kinds").Any(k => k["related"] is not null), Is.EqualTo(answers11));
    }
}

public class Json11DialectSettingTests
{
    [TestCase("Occi13")]
    [TestCase("1")]
    [TestCase("")]
    public void A_bad_dialect_stops_the_start_naming_the_key(string value)
    {
        var e = Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var server = await RunningServer.StartAsync(null, ("Occi:Json:Dialect", value));
        });
        Assert.That(e!.Message, Does.Contain("Occi:Json:Dialect"));
    }

    [Test]
    public void Appsettings_holds_the_key_with_its_default()
    {
        var options = new JsonDialectOptions();
        Assert.That(options.Dialect, Is.EqualTo("Auto"));
        var settings = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json"));
        Assert.That(settings, Does.Contain("\"Json\": { \"Dialect\": \"Auto\" }"));
    }
}
