using System.Text;
using System.Text.Json;

namespace Occi.Fuzz;

/// <summary>
/// What a request says in OCCI terms, before it is written in one rendering: categories, attributes, links,
/// locations. <see cref="Apply"/> writes it into a request as text/plain, text/occi, GFD.226 JSON or
/// OCCI 1.1-era JSON (which a client announces by "OCCI/1.1" in its User-Agent).
/// </summary>
public sealed class OcciContent
{
    public List<(string Term, string Scheme, string Class, string? Location)> Categories { get; } = [];
    public List<(string Name, object Value)> Attributes { get; } = [];
    public List<(string Target, string Kind)> Links { get; } = [];
    public List<string> Locations { get; } = [];

    public OcciContent Kind(string term) { Categories.Add((term, FuzzPool.Infra, "kind", null)); return this; }
    public OcciContent Mixin(string term, string scheme, string? location = null) { Categories.Add((term, scheme, "mixin", location)); return this; }
    public OcciContent Action(string kindTerm, string term) { Categories.Add((term, $"http://schemas.ogf.org/occi/infrastructure/{kindTerm}/action#", "action", null)); return this; }
    public OcciContent Attribute(string name, object value) { Attributes.Add((name, value)); return this; }
    public OcciContent Link(string target, string kindTerm) { Links.Add((target, kindTerm)); return this; }
    public OcciContent Location(string location) { Locations.Add(location); return this; }

    public static readonly string[] Media = ["text/plain", "text/occi", "application/occi+json", "json11", "text/uri-list"];

    public void Apply(FuzzRequest request, string media)
    {
        switch (media)
        {
            case "text/occi":
                foreach (var (name, value) in Fields()) request.Headers.Add((name, value));
                request.Headers.Add(("Content-Type", "text/occi"));
                break;
            case "application/occi+json":
                request.Body = Json12();
                request.Headers.Add(("Content-Type", "application/occi+json"));
                break;
            case "json11":
                request.Body = Json11();
                request.Headers.Add(("Content-Type", "application/occi+json"));
                request.SetHeader("User-Agent", "rOCCI-core/4.2.5 rOCCI-api/4.2.0 OCCI/1.1");
                break;
            case "text/uri-list":
                request.Body = string.Join("\r\n", Locations) + (Locations.Count > 0 ? "\r\n" : "");
                request.Headers.Add(("Content-Type", "text/uri-list"));
                break;
            default:
                request.Body = string.Join("\n", Fields().Select(f => $"{f.Name}: {f.Value}")) + "\n";
                request.Headers.Add(("Content-Type", "text/plain"));
                break;
        }
    }

    private IEnumerable<(string Name, string Value)> Fields()
    {
        foreach (var (term, scheme, cls, location) in Categories)
            yield return ("Category", $"{term}; scheme=\"{scheme}\"; class=\"{cls}\"" + (location is null ? "" : $"; location=\"{location}\""));
        foreach (var (target, kind) in Links)
            yield return ("Link", $"<{target}>; rel=\"{FuzzPool.Infra}{(kind == "storagelink" ? "storage" : "network")}\"; category=\"{FuzzPool.Infra}{kind}\"");
        foreach (var (name, value) in Attributes)
            yield return ("X-OCCI-Attribute", $"{name}={(value is string s ? "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"" : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!.ToLowerInvariant())}");
        foreach (var location in Locations) yield return ("X-OCCI-Location", location);
    }

    private string Json12()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            var kind = Categories.FirstOrDefault(c => c.Class == "kind");
            var action = Categories.FirstOrDefault(c => c.Class == "action");
            var mixins = Categories.Where(c => c.Class == "mixin").ToList();
            if (action.Term is not null) w.WriteString("action", action.Scheme + action.Term);
            if (kind.Term is not null) w.WriteString("kind", kind.Scheme + kind.Term);
            if (mixins.Count > 0 && kind.Term is null && action.Term is null && mixins.Any(m => m.Location is not null))
            {
                // A user mixin definition (POST /-/).
                w.WriteStartArray("mixins");
                foreach (var m in mixins)
                {
                    w.WriteStartObject();
                    w.WriteString("term", m.Term);
                    w.WriteString("scheme", m.Scheme);
                    if (m.Location is not null) w.WriteString("location", m.Location);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            else if (mixins.Count > 0)
            {
                w.WriteStartArray("mixins");
                foreach (var m in mixins) w.WriteStringValue(m.Scheme + m.Term);
                w.WriteEndArray();
            }
            w.WriteStartObject("attributes");
            foreach (var (name, value) in Attributes) WriteValue(w, name, value);
            w.WriteEndObject();
            if (Links.Count > 0)
            {
                w.WriteStartArray("links");
                foreach (var (target, k) in Links)
                {
                    w.WriteStartObject();
                    w.WriteString("kind", FuzzPool.Infra + k);
                    w.WriteStartObject("target");
                    w.WriteString("location", target);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            if (Locations.Count > 0)
            {
                w.WriteStartArray("locations");
                foreach (var l in Locations) w.WriteStringValue(l);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>rOCCI 4.x: entities in "resources"/"links", attributes nested by their dotted names.</summary>
    private string Json11()
    {
        var kind = Categories.FirstOrDefault(c => c.Class == "kind");
        var action = Categories.FirstOrDefault(c => c.Class == "action");
        var nested = new Dictionary<string, object>();
        foreach (var (name, value) in Attributes)
        {
            var node = nested;
            var parts = name.Split('.');
            for (var i = 0; i < parts.Length - 1; i++)
            {
                if (!node.TryGetValue(parts[i], out var child) || child is not Dictionary<string, object> d) node[parts[i]] = d = new Dictionary<string, object>();
                node = d;
            }
            node[parts[^1]] = value;
        }
        object body = action.Term is not null
            ? new Dictionary<string, object> { ["action"] = new { scheme = action.Scheme, term = action.Term }, ["attributes"] = nested }
            : kind.Term is null
                ? new Dictionary<string, object> { ["mixins"] = Categories.Select(c => new { term = c.Term, scheme = c.Scheme, location = c.Location }).ToArray() }
                : new Dictionary<string, object>
                {
                    [kind.Term.Contains("link") ? "links" : "resources"] = new[]
                    {
                        new Dictionary<string, object>
                        {
                            ["kind"] = kind.Scheme + kind.Term,
                            ["mixins"] = Categories.Where(c => c.Class == "mixin").Select(c => c.Scheme + c.Term).ToArray(),
                            ["attributes"] = nested,
                            ["links"] = Links.Select(l => new { kind = FuzzPool.Infra + l.Kind, target = l.Target }).ToArray(),
                        },
                    },
                };
        return JsonSerializer.Serialize(body);
    }

    private static void WriteValue(Utf8JsonWriter w, string name, object value)
    {
        switch (value)
        {
            case string s: w.WriteString(name, s); break;
            case bool b: w.WriteBoolean(name, b); break;
            case long l: w.WriteNumber(name, l); break;
            case int i: w.WriteNumber(name, i); break;
            case double d: w.WriteNumber(name, d); break;
            default: w.WriteString(name, value.ToString()); break;
        }
    }
}
