using System.Buffers;
using System.Text;
using System.Text.Json;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Rendering;

namespace Occi.Cli.Protocol;

/// <summary>
/// A request's body, its Content-Type and (text/occi) the OCCI headers that carry its structures. Entities and
/// locations are rendered by the gateway's own renderers; an action invocation, which no server answers with and so
/// no renderer writes, is written here in each rendering's form.
/// </summary>
internal sealed record RequestBody(byte[] Body, string ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public static RequestBody Entity(Entity entity, WireFormat format, Uri endpoint) =>
        Render(format, (r, context, output) => r.RenderEntity(entity, context, output), endpoint);

    /// <summary>Mixin membership (GFD.185 §3.4.4's X-OCCI-Location; a JSON array of locations, read the same by both JSON dialects).</summary>
    public static RequestBody Locations(IReadOnlyList<string> locations, WireFormat format, Uri endpoint) =>
        format.IsJson
            ? Render(new WireFormat(WireFormat.Json, "1.2"), (r, context, output) => r.RenderLocations(locations, context, output), endpoint)
            : Render(format, (r, context, output) => r.RenderLocations(locations, context, output), endpoint);

    /// <summary>GFD.185 §3.4.5 / GFD.225 §3.6: the action's category (or "action" member) and its attributes.</summary>
    public static RequestBody Action(OcciAction action, IReadOnlyList<KeyValuePair<string, AttributeValue>> attributes, WireFormat format)
    {
        if (format.IsJson)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteString("action", action.Id.Identity);
                w.WriteStartObject("attributes");
                foreach (var (name, value) in attributes)
                {
                    w.WritePropertyName(name);
                    AttributeJson.Write(w, value);
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            return new RequestBody(buffer.WrittenSpan.ToArray(), WireFormat.Json, []);
        }
        var structures = new List<KeyValuePair<string, string>>
        {
            new("Category", $"{action.Term}; scheme=\"{action.Scheme}\"; class=\"action\""),
        };
        foreach (var (name, value) in attributes) structures.Add(new("X-OCCI-Attribute", $"{name}={TextValue(value)}"));
        if (format.MediaType == WireFormat.TextOcci) return new RequestBody("OK\n"u8.ToArray(), WireFormat.TextOcci, structures);
        var text = new StringBuilder();
        foreach (var (name, value) in structures) text.Append(name).Append(": ").Append(value).Append('\n');
        return new RequestBody(Encoding.UTF8.GetBytes(text.ToString()), WireFormat.TextPlain, []);
    }

    /// <summary>GFD.185 §3.4.3: strings quoted with '\' escaping '"' and '\'; numbers and booleans bare.</summary>
    private static string TextValue(AttributeValue value) => value.Kind switch
    {
        AttributeValueKind.Integer or AttributeValueKind.Number or AttributeValueKind.Boolean => value.ToString(),
        _ => "\"" + value.ToString().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
    };

    private static RequestBody Render(WireFormat format, Action<IOcciRendering, RenderContext, RenderOutput> render, Uri endpoint)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var output = new RenderOutput(buffer);
        // Locations the CLI was given are absolute or paths already: the base only completes a renderer's own paths.
        render(format.Requests, new RenderContext(ServerModel.BuiltIn, endpoint.GetLeftPart(UriPartial.Authority)), output);
        return new RequestBody(buffer.WrittenSpan.ToArray(), format.Requests.MediaType, output.Headers);
    }
}
