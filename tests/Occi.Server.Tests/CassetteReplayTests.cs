using System.Net;
using System.Text.Json.Nodes;
using Occi.Server.Tests.Support;
using Occi.Tests.Cassettes;
using static Occi.Server.Tests.Support.Json11Client;

namespace Occi.Server.Tests;

/// <summary>
/// The rOCCI-api 4.3 occi_json cassettes replayed against the real server over HTTP, with the requests' own
/// headers (Accept, rOCCI's User-Agent, Content-Type) and bodies: the same status codes, the Location header
/// rOCCI reads a create's answer from, and bodies in the OCCI 1.1 JSON it reads. Where a request names what only
/// the recorded site had (its ids, its OpenNebula mixins and templates), the replay names this server's own.
/// </summary>
public class CassetteReplayTests : ServerTest
{
    [TestCaseSource(typeof(Cassette), nameof(Cassette.JsonCases))]
    public async Task Replays_as_recorded(string name)
    {
        foreach (var exchange in Cassette.LoadJson(name).Exchanges)
        {
            var path = exchange.PathAndQuery;
            var kindPath = "/" + path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0] + "/";
            switch (exchange.Method)
            {
                case "GET" when path == "/-/": await QueryInterfaceAsync(exchange); break;
                case "GET": await ListAsync(exchange, kindPath); break;
                case "POST" when path.Contains("?action=", StringComparison.Ordinal): await TriggerAsync(exchange, kindPath); break;
                case "POST": await CreateAsync(exchange, kindPath); break;
                case "DELETE": await DeleteAsync(exchange, kindPath); break;
                default: Assert.Fail($"{exchange}: not replayed"); break;
            }
        }
    }

    private async Task<(HttpResponseMessage Response, string Body)> ReplayAsync(CassetteExchange exchange, string path, string? body)
    {
        var request = Server.Request(new HttpMethod(exchange.Method), path, accept: null);
        request.Headers.TryAddWithoutValidation("Accept", exchange.RequestHeader("Accept"));
        request.Headers.TryAddWithoutValidation("User-Agent", exchange.RequestHeader("User-Agent"));
        if (body is not null)
        {
            request.Content = new StringContent(body);
            request.Content.Headers.Remove("Content-Type");
            request.Content.Headers.TryAddWithoutValidation("Content-Type", exchange.RequestHeader("Content-Type"));
        }
        var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(exchange.Status), $"{exchange}: {text}");
        return (response, text);
    }

    private async Task QueryInterfaceAsync(CassetteExchange exchange)
    {
        var (response, body) = await ReplayAsync(exchange, "/-/", null);
        if (!exchange.AcceptsJson) return;
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo(Json));
        var model = Object(body);
        var compute = Part(model, "kinds").Single(k => IdOf(k) == "http://schemas.ogf.org/occi/infrastructure#compute");
        Assert.That(compute["related"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { "http://schemas.ogf.org/occi/core#resource" }));
        Assert.That(compute["location"]!.GetValue<string>(), Is.EqualTo("/compute/"));
        Assert.That(compute["attributes"]!["occi"]!["compute"]!["cores"]!["type"]!.GetValue<string>(), Is.EqualTo("number"));
    }

    private async Task CreateAsync(CassetteExchange exchange, string kindPath)
    {
        var sent = Object(exchange.RequestText);
        var resource = (JsonObject)sent["resources"]![0]!;
        await UseOwnMixinsAsync(resource);
        var (response, body) = await ReplayAsync(exchange, kindPath, sent.ToJsonString());

        // rOCCI reads the new location from the header; pyOCNI reads {"Location":[…]}.
        var location = response.Headers.Location!.ToString();
        Assert.That(location, Is.EqualTo(Server.Root + kindPath + (string)resource["id"]!), "rOCCI's own occi.core.id names it");
        Assert.That(Object(body)["Location"]!.AsArray().Select(l => l!.GetValue<string>()), Is.EqualTo(new[] { location }));

        var (got, text) = await SendJsonAsync(Server, HttpMethod.Get, new Uri(location).AbsolutePath);
        Assert.That(got.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        var stored = Object(text)["resources"]![0]!;
        Assert.That(stored["kind"]!.GetValue<string>(), Is.EqualTo((string)resource["kind"]!));
        if (resource["attributes"]!["occi"]!["core"]!["title"] is { } title)
            Assert.That(stored["attributes"]!["occi"]!["core"]!["title"]!.GetValue<string>(), Is.EqualTo(title.GetValue<string>()));
    }

    /// <summary>The recorded site's templates become this server's; mixins and attributes only it knew are left out.</summary>
    private async Task UseOwnMixinsAsync(JsonObject resource)
    {
        var model = Object((await SendJsonAsync(Server, HttpMethod.Get, "/-/")).Body);
        var known = Part(model, "mixins").ToList();
        string TemplateOf(string term) => IdOf(known.First(m => m["related"] is JsonArray r && r.Any(x => x!.GetValue<string>().EndsWith("#" + term, StringComparison.Ordinal))));
        var mixins = new JsonArray();
        foreach (var m in resource["mixins"] as JsonArray ?? [])
        {
            var id = m!.GetValue<string>();
            if (id.Contains("/os_tpl#", StringComparison.Ordinal)) mixins.Add(TemplateOf("os_tpl"));
            else if (id.Contains("/resource_tpl#", StringComparison.Ordinal)) mixins.Add(TemplateOf("resource_tpl"));
            else if (known.Any(k => IdOf(k) == id)) mixins.Add(id);
        }
        resource["mixins"] = mixins;
        var attributes = (JsonObject)resource["attributes"]!;
        foreach (var other in attributes.Select(a => a.Key).Where(k => k != "occi").ToList()) attributes.Remove(other);
    }

    private async Task DeleteAsync(CassetteExchange exchange, string kindPath)
    {
        var created = await CreateOfKindAsync(kindPath);
        await ReplayAsync(exchange, created, null);
        var (gone, _) = await SendJsonAsync(Server, HttpMethod.Get, created);
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private async Task TriggerAsync(CassetteExchange exchange, string kindPath)
    {
        var created = await CreateOfKindAsync(kindPath);
        var term = exchange.PathAndQuery.Split("?action=")[1];
        var kind = kindPath.Trim('/');
        // The action must be allowed: bring the entity to the state it starts from.
        var (after, opposite) = term switch { "start" => ("active", "stop"), "online" => ("online", "offline"), _ => ("active", "down") };
        var state = await SettledStateAsync(created, kind);
        if (state == after)
        {
            var undo = await SendAsync(HttpMethod.Post, created + "?action=" + opposite, OcciText.Action(kind, opposite));
            Assert.That(undo.StatusCode, Is.EqualTo(HttpStatusCode.OK), await undo.Content.ReadAsStringAsync());
            await SettledStateAsync(created, kind, notIn: after);
        }
        var (_, body) = await ReplayAsync(exchange, created + "?action=" + term, exchange.RequestText);
        Assert.That(Object(body)["resources"]![0]!["attributes"]!["occi"]![kind]!["state"], Is.Not.Null, body);
    }

    private async Task ListAsync(CassetteExchange exchange, string kindPath)
    {
        var created = await CreateOfKindAsync(kindPath);
        var (response, body) = await ReplayAsync(exchange, kindPath, null);
        if (!exchange.AcceptsJson)
        {
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/uri-list"));
            Assert.That(body.Trim(), Is.EqualTo(Server.Root + created));
            return;
        }
        var recorded = Object(exchange.ResponseText)["resources"]!.AsArray().Cast<JsonObject>().SelectMany(r => r.Select(m => m.Key)).ToHashSet();
        recorded.Add("actions"); // rOCCI-server listed an entity's actions where it had any (describes_storage_resources)
        var resources = Object(body)["resources"]!.AsArray().Cast<JsonObject>().ToList();
        Assert.That(resources.Select(r => r["id"]!.GetValue<string>()), Is.EqualTo(new[] { created.Split('/')[^1] }));
        Assert.That(resources[0].Select(m => m.Key), Is.SubsetOf(recorded), "members rOCCI-server wrote");
        Assert.That(resources[0]["attributes"]!.AsObject().Select(a => a.Key), Has.None.Contains("."), "attributes nested by name part");
    }

    private Task<string> CreateOfKindAsync(string kindPath) => CreateAsync(kindPath, kindPath switch
    {
        "/compute/" => OcciText.ComputeCategory,
        "/storage/" => OcciText.StorageCategory + "\nX-OCCI-Attribute: occi.storage.size=1.0",
        _ => OcciText.NetworkCategory,
    });

    /// <summary>
    /// The entity's state, in none of the passing ones: the simulator takes no time here (Occi:Local:ActionDelayMs
    /// is 0), so a create or an action has settled by the time it is answered.
    /// </summary>
    private async Task<string> SettledStateAsync(string location, string kind, string? notIn = null)
    {
        var state = OcciText.Attribute(await GetTextAsync(location), $"occi.{kind}.state");
        Assert.That(state, Is.AnyOf("active", "inactive", "online", "offline").And.Not.EqualTo(notIn), $"{location} is settled");
        return state!;
    }
}
