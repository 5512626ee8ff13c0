using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>The same operations in each rendering: text/plain (body), text/occi (headers), application/occi+json.</summary>
[TestFixture("text/plain")]
[TestFixture("text/occi")]
[TestFixture("application/occi+json")]
public class RenderingMatrixTests(string mediaType) : ServerTest
{
    private const string Compute = "http://schemas.ogf.org/occi/infrastructure#compute";
    private const string StartAction = "http://schemas.ogf.org/occi/infrastructure/compute/action#start";
    private const string StopAction = "http://schemas.ogf.org/occi/infrastructure/compute/action#stop";

    private HttpRequestMessage Message(HttpMethod method, string path, string? kind, string? action, params (string Name, string Value, bool Quoted)[] attributes)
    {
        var request = Server.Request(method, path, mediaType);
        switch (mediaType)
        {
            case "application/occi+json":
                var attrs = string.Join(",", attributes.Select(a => $"\"{a.Name}\":{(a.Quoted ? JsonSerializer.Serialize(a.Value) : a.Value)}"));
                var json = action is not null
                    ? $"{{\"action\":\"{action}\",\"attributes\":{{{attrs}}}}}"
                    : $"{{\"kind\":\"{kind}\",\"attributes\":{{{attrs}}}}}";
                request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/occi+json"));
                break;
            case "text/occi":
                var category = CategoryLine(kind, action);
                if (category is not null) request.Headers.TryAddWithoutValidation("Category", category);
                if (attributes.Length > 0)
                    request.Headers.TryAddWithoutValidation("X-OCCI-Attribute", string.Join(", ", attributes.Select(Attribute)));
                request.Content = new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/occi");
                break;
            default:
                var lines = new List<string>();
                if (CategoryLine(kind, action) is { } c) lines.Add("Category: " + c);
                lines.AddRange(attributes.Select(a => "X-OCCI-Attribute: " + Attribute(a)));
                request.Content = RunningServer.TextPlain(string.Join("\n", lines));
                break;
        }
        return request;
    }

    private static string? CategoryLine(string? kind, string? action)
    {
        var identity = action ?? kind;
        if (identity is null) return null;
        var hash = identity.LastIndexOf('#');
        return $"{identity[(hash + 1)..]}; scheme=\"{identity[..(hash + 1)]}\"; class=\"{(action is null ? "kind" : "action")}\"";
    }

    private static string Attribute((string Name, string Value, bool Quoted) a) => a.Quoted ? $"{a.Name}=\"{a.Value}\"" : $"{a.Name}={a.Value}";

    /// <summary>The attributes of a response in any of the three renderings.</summary>
    private static async Task<Dictionary<string, string>> AttributesOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var result = new Dictionary<string, string>();
        if (response.Content.Headers.ContentType?.MediaType == "application/occi+json")
        {
            using var doc = JsonDocument.Parse(body);
            foreach (var p in doc.RootElement.GetProperty("attributes").EnumerateObject())
                result[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            return result;
        }
        var lines = response.Headers.TryGetValues("X-OCCI-Attribute", out var values)
            ? values.SelectMany(v => v.Split(", ")).Select(v => "X-OCCI-Attribute: " + v)
            : body.Split('\n');
        foreach (var line in lines.Where(l => l.StartsWith("X-OCCI-Attribute:", StringComparison.Ordinal)))
        {
            var name = line.Split(':', 2)[1].Trim().Split('=')[0];
            if (OcciText.Attribute(line, name) is { } v) result[name] = v;
        }
        return result;
    }

    [Test]
    public async Task Create_describe_act_update_list_and_delete()
    {
        var create = await Http.SendAsync(Message(HttpMethod.Post, "/compute/", Compute, null, ("occi.core.title", "matrix", true), ("occi.compute.cores", "2", false)));
        Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Created), await create.Content.ReadAsStringAsync());
        var location = create.Headers.Location!.AbsolutePath;

        var get = await Http.SendAsync(Server.Request(HttpMethod.Get, location, mediaType));
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(get.Content.Headers.ContentType!.MediaType, Is.EqualTo(mediaType));
        var attributes = await AttributesOf(get);
        Assert.That(attributes["occi.core.title"], Is.EqualTo("matrix"));
        Assert.That(attributes["occi.compute.cores"], Is.EqualTo("2"));
        Assert.That(attributes["occi.compute.state"], Is.EqualTo("active"), "it booted");

        var stop = await Http.SendAsync(Message(HttpMethod.Post, location + "?action=stop", null, StopAction));
        Assert.That(stop.StatusCode, Is.EqualTo(HttpStatusCode.OK), await stop.Content.ReadAsStringAsync());
        Assert.That((await AttributesOf(await Http.SendAsync(Server.Request(HttpMethod.Get, location, mediaType))))["occi.compute.state"], Is.EqualTo("inactive"));
        var start = await Http.SendAsync(Message(HttpMethod.Post, location + "?action=start", null, StartAction));
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.OK), await start.Content.ReadAsStringAsync());
        Assert.That((await AttributesOf(await Http.SendAsync(Server.Request(HttpMethod.Get, location, mediaType))))["occi.compute.state"], Is.EqualTo("active"));

        var update = await Http.SendAsync(Message(HttpMethod.Post, location, Compute, null, ("occi.core.title", "renamed", true)));
        Assert.That(update.StatusCode, Is.EqualTo(HttpStatusCode.OK), await update.Content.ReadAsStringAsync());
        Assert.That((await AttributesOf(update))["occi.core.title"], Is.EqualTo("renamed"));

        var list = await Http.SendAsync(Server.Request(HttpMethod.Get, "/compute/", mediaType));
        var listed = await list.Content.ReadAsStringAsync() + string.Join(",", list.Headers.TryGetValues("X-OCCI-Location", out var l) ? l : []);
        Assert.That(listed, Does.Contain(location));

        var delete = await Http.SendAsync(Server.Request(HttpMethod.Delete, location, mediaType));
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Http.SendAsync(Server.Request(HttpMethod.Get, location, mediaType))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Errors_are_rendered_with_a_message_in_the_asked_rendering()
    {
        var r = await Http.SendAsync(Message(HttpMethod.Post, "/compute/", Compute, null, ("occi.compute.cores", "\"many\"", false)));
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("occi.compute.cores"));
    }

    [Test]
    public async Task Head_on_an_entity_answers_like_get_without_a_body()
    {
        var create = await Http.SendAsync(Message(HttpMethod.Post, "/compute/", Compute, null));
        var location = create.Headers.Location!.AbsolutePath;
        var head = await Http.SendAsync(Server.Request(HttpMethod.Head, location, mediaType));
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
    }

    [Test]
    public async Task Prefer_return_representation_answers_200_with_the_created_entity()
    {
        var request = Message(HttpMethod.Post, "/compute/", Compute, null, ("occi.core.title", "shown", true));
        request.Headers.TryAddWithoutValidation("Prefer", "return=representation");
        var r = await Http.SendAsync(request);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
        Assert.That((await AttributesOf(r))["occi.core.title"], Is.EqualTo("shown"));
    }
}
