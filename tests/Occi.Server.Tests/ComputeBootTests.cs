using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// A monitoring probe's round, as a client sees it in each rendering: create a compute from an os_tpl and a
/// resource_tpl, poll GET until it is active (it boots by itself), delete it. The simulator takes
/// Occi:Local:ActionDelayMs to boot, so the booting phase is really seen; the wait is polled, with a generous limit.
/// </summary>
[TestFixture("text/plain")]
[TestFixture("text/occi")]
[TestFixture("application/occi+json")]
public class ComputeBootTests(string mediaType) : ServerTest
{
    private const string BootDelayMs = "3000";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private const string ComputeKind = "http://schemas.ogf.org/occi/infrastructure#compute";
    // The simulator's default templates (Backends/Occi.Backends.Local/README.md): small is 1 core, 2 GiB.
    private const string OsTpl = "http://occigateway.local/occi/infrastructure/os_tpl#ubuntu-24_04";
    private const string ResourceTpl = "http://occigateway.local/occi/infrastructure/resource_tpl#small";
    private const string ActionScheme = "http://schemas.ogf.org/occi/infrastructure/compute/action#";

    protected override (string Key, string Value)[] Settings => [("Occi:Local:ActionDelayMs", BootDelayMs)];

    [Test]
    public async Task A_compute_made_from_templates_boots_by_itself_and_is_deleted()
    {
        var create = await Http.SendAsync(Create());
        Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Created), await create.Content.ReadAsStringAsync());
        var compute = create.Headers.Location!.AbsolutePath;

        var first = await Describe(compute);
        Assert.That((Value(first, "occi.compute.state"), Value(first, "occi.compute.state.message")), Is.EqualTo(("inactive", "booting")),
            "just created, it is still booting");
        Assert.That(first, Does.Contain("ubuntu-24_04").And.Contain("small"), "both templates are the compute's mixins");
        Assert.That(Value(first, "occi.compute.cores"), Is.EqualTo("1"), "the resource_tpl sized it");

        var seen = first;
        var deadline = DateTime.UtcNow + Limit;
        while (Value(seen, "occi.compute.state") != "active" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100); // a poll, not a wait for the delay: the loop ends as soon as GET says active
            seen = await Describe(compute);
        }
        Assert.That(Value(seen, "occi.compute.state"), Is.EqualTo("active"), $"active within {Limit.TotalSeconds} s");
        Assert.That(Value(seen, "occi.compute.state.message"), Is.Null, "no message once booted");

        var delete = await Http.SendAsync(Server.Request(HttpMethod.Delete, compute, mediaType));
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Http.SendAsync(Server.Request(HttpMethod.Get, compute, mediaType))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Start_on_a_booting_compute_joins_the_boot_and_stop_is_a_conflict_that_changes_nothing()
    {
        var create = await Http.SendAsync(Create());
        Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Created), await create.Content.ReadAsStringAsync());
        var compute = create.Headers.Location!.AbsolutePath;

        var start = await Http.SendAsync(Action(compute, "start"));
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.OK), await start.Content.ReadAsStringAsync());
        var stop = await Http.SendAsync(Action(compute, "stop"));
        var refusal = await stop.Content.ReadAsStringAsync();
        Assert.That(stop.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), refusal);
        Assert.That(refusal, Does.Contain("stop"));

        var after = await Describe(compute);
        Assert.That((Value(after, "occi.compute.state"), Value(after, "occi.compute.state.message")), Is.EqualTo(("inactive", "booting")));
    }

    private HttpRequestMessage Create()
    {
        var request = Server.Request(HttpMethod.Post, "/compute/", mediaType);
        string[] categories = [Category(ComputeKind, "kind"), Category(OsTpl, "mixin"), Category(ResourceTpl, "mixin")];
        const string title = "occi.core.title=\"boot-probe\"";
        request.Content = mediaType switch
        {
            "application/occi+json" => Json($"{{\"kind\":\"{ComputeKind}\",\"mixins\":[\"{OsTpl}\",\"{ResourceTpl}\"],\"attributes\":{{\"occi.core.title\":\"boot-probe\"}}}}"),
            "text/occi" => Headers(request, ("Category", string.Join(", ", categories)), ("X-OCCI-Attribute", title)),
            _ => RunningServer.TextPlain(string.Join("\n", categories.Select(c => "Category: " + c).Append("X-OCCI-Attribute: " + title))),
        };
        return request;
    }

    private HttpRequestMessage Action(string compute, string term)
    {
        var request = Server.Request(HttpMethod.Post, compute + "?action=" + term, mediaType);
        var category = Category(ActionScheme + term, "action");
        request.Content = mediaType switch
        {
            "application/occi+json" => Json($"{{\"action\":\"{ActionScheme}{term}\"}}"),
            "text/occi" => Headers(request, ("Category", category)),
            _ => RunningServer.TextPlain("Category: " + category),
        };
        return request;
    }

    private static string Category(string identity, string @class)
    {
        var hash = identity.IndexOf('#');
        return $"{identity[(hash + 1)..]}; scheme=\"{identity[..(hash + 1)]}\"; class=\"{@class}\"";
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/occi+json"));

    private static ByteArrayContent Headers(HttpRequestMessage request, params (string Name, string Value)[] headers)
    {
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        var content = new ByteArrayContent([]);
        content.Headers.TryAddWithoutValidation("Content-Type", "text/occi");
        return content;
    }

    /// <summary>GET in the fixture's rendering: the body, and for text/occi the OCCI headers, as one text.</summary>
    private async Task<string> Describe(string compute)
    {
        var response = await Http.SendAsync(Server.Request(HttpMethod.Get, compute, mediaType));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
        return mediaType == "text/occi"
            ? string.Join("\n", response.Headers.Concat(response.Content.Headers).SelectMany(h => h.Value.Select(v => $"{h.Key}: {v}")))
            : body;
    }

    /// <summary>An attribute's value as rendered: a JSON property (flat or nested by name part), or name=value in text.</summary>
    private string? Value(string rendering, string name)
    {
        if (mediaType == "application/occi+json")
        {
            using var doc = JsonDocument.Parse(rendering);
            return FindJson(doc.RootElement, name);
        }
        var at = rendering.IndexOf(name + "=", StringComparison.Ordinal);
        if (at < 0) return null;
        var value = rendering[(at + name.Length + 1)..];
        return value.StartsWith('"') ? value[1..value.IndexOf('"', 1)] : new string(value.TakeWhile(c => c is not (',' or '\n' or '\r' or ' ')).ToArray());
    }

    private static string? FindJson(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Array)
            return element.EnumerateArray().Select(e => FindJson(e, name)).FirstOrDefault(v => v is not null);
        if (element.ValueKind != JsonValueKind.Object) return null;
        if (element.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object)
        {
            if (attributes.TryGetProperty(name, out var flat)) return Scalar(flat);
            var nested = attributes;
            foreach (var part in name.Split('.'))
                if (nested.ValueKind != JsonValueKind.Object || !nested.TryGetProperty(part, out nested)) return null;
            return Scalar(nested);
        }
        return element.EnumerateObject().Select(p => FindJson(p.Value, name)).FirstOrDefault(v => v is not null);
    }

    private static string? Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        _ => null,
    };
}
