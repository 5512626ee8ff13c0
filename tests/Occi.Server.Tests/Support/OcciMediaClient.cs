using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Occi.Server.Tests.Support;

/// <summary>
/// What a client sends and reads in one rendering (text/plain bodies, text/occi headers, application/occi+json):
/// creates with a kind and mixins, action invocations, and attribute values read back from a GET.
/// </summary>
public sealed class OcciMediaClient(RunningServer server, string mediaType)
{
    private HttpClient Http => server.Client;

    /// <summary>POST to a kind's collection: the kind and mixins (identities, scheme + term) and attributes (name, JSON or quoted text value).</summary>
    public Task<HttpResponseMessage> CreateAsync(string collection, string kind, string[] mixins, params (string Name, string Value)[] attributes)
    {
        var request = server.Request(HttpMethod.Post, collection, mediaType);
        var categories = mixins.Select(m => Category(m, "mixin")).Prepend(Category(kind, "kind")).ToArray();
        var texts = attributes.Select(a => $"{a.Name}=\"{a.Value}\"").ToArray();
        request.Content = mediaType switch
        {
            "application/occi+json" => Json(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["kind"] = kind,
                ["mixins"] = mixins,
                ["attributes"] = attributes.ToDictionary(a => a.Name, a => a.Value),
            })),
            "text/occi" => Headers(request, [("Category", string.Join(", ", categories)), .. texts.Length > 0 ? [("X-OCCI-Attribute", string.Join(", ", texts))] : Array.Empty<(string, string)>()]),
            _ => RunningServer.TextPlain(string.Join("\n", categories.Select(c => "Category: " + c).Concat(texts.Select(t => "X-OCCI-Attribute: " + t)))),
        };
        return Http.SendAsync(request);
    }

    /// <summary>POST ?action= with the action's category (its identity) and no attributes.</summary>
    public Task<HttpResponseMessage> ActAsync(string location, string action)
    {
        var request = server.Request(HttpMethod.Post, location + "?action=" + action[(action.IndexOf('#') + 1)..], mediaType);
        request.Content = mediaType switch
        {
            "application/occi+json" => Json(JsonSerializer.Serialize(new Dictionary<string, string> { ["action"] = action })),
            "text/occi" => Headers(request, ("Category", Category(action, "action"))),
            _ => RunningServer.TextPlain("Category: " + Category(action, "action")),
        };
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> DeleteAsync(string location) => Http.SendAsync(server.Request(HttpMethod.Delete, location, mediaType));

    public Task<HttpResponseMessage> GetAsync(string location) => Http.SendAsync(server.Request(HttpMethod.Get, location, mediaType));

    /// <summary>GET in this rendering: the body, and for text/occi the response headers, as one text.</summary>
    public async Task<string> DescribeAsync(string location)
    {
        var response = await GetAsync(location);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
        return mediaType == "text/occi"
            ? string.Join("\n", response.Headers.Concat(response.Content.Headers).SelectMany(h => h.Value.Select(v => $"{h.Key}: {v}")))
            : body;
    }

    /// <summary>An attribute's value in what <see cref="DescribeAsync"/> returned: a JSON property (flat or nested by name part), or name=value in text.</summary>
    public string? Value(string rendering, string name)
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
}
