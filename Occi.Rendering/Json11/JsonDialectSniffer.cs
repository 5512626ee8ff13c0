using System.Text.Json;

namespace Occi.Rendering.Json11;

/// <summary>
/// Tells from a JSON body's shape which dialect wrote it, in one forward pass without allocating, stopping
/// at the first sign. OCCI 1.1: a "related", "X-OCCI-Location" or "OCCI_ID" member, or a top-level "providers" (pyOCNI's update_provider); attributes nested by name part
/// ({"attributes":{"occi":{"compute":{…}}}}); a kind, mixin or action object with neither term nor scheme
/// (pyOCNI's filters). OCCI 1.2: a dotted attribute name ("occi.compute.cores"). Null when the body shows
/// neither (both dialects then read it alike) or is not JSON (the 1.2 parser reports that).
/// </summary>
public static class JsonDialectSniffer
{
    private static readonly JsonReaderOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static JsonDialect? Sniff(ReadOnlySpan<byte> body)
    {
        try { return Scan(body); }
        catch (JsonException) { return null; }
    }

    private static JsonDialect? Scan(ReadOnlySpan<byte> body)
    {
        var r = new Utf8JsonReader(body, Options);
        var attributes = -1;         // depth of the "attributes" member being read, or -1
        var plainMember = false;     // the current member of that object has no dot in its name
        var categoryArray = false;   // inside the top-level "kinds", "mixins" or "actions" array
        var named = false;           // the current category object there has a term or a scheme
        while (r.Read())
        {
            var depth = r.CurrentDepth;
            switch (r.TokenType)
            {
                case JsonTokenType.PropertyName:
                    if (r.ValueTextEquals("related"u8) || r.ValueTextEquals("X-OCCI-Location"u8) || r.ValueTextEquals("OCCI_ID"u8)) return JsonDialect.Occi11;
                    if (attributes >= 0 && depth == attributes + 1)
                    {
                        plainMember = r.ValueSpan.IndexOf((byte)'.') < 0;
                        if (!plainMember) return JsonDialect.Occi12;
                    }
                    else if (depth == 1 && r.ValueTextEquals("providers"u8)) return JsonDialect.Occi11; // GFD.226 has no such member
                    else if (depth == 1)
                        categoryArray = r.ValueTextEquals("kinds"u8) || r.ValueTextEquals("mixins"u8) || r.ValueTextEquals("actions"u8);
                    else if (depth == 3 && categoryArray && (r.ValueTextEquals("term"u8) || r.ValueTextEquals("scheme"u8))) named = true;
                    if (attributes < 0 && r.ValueTextEquals("attributes"u8)) attributes = depth;
                    break;
                case JsonTokenType.StartObject:
                    // {"attributes":{"occi":{"compute":{…}}}}: an object inside an object under a plain name.
                    if (attributes >= 0 && depth == attributes + 2 && plainMember) return JsonDialect.Occi11;
                    if (depth == 2 && categoryArray) named = false;
                    break;
                case JsonTokenType.EndObject:
                    if (depth == attributes) attributes = -1;
                    if (depth == 2 && categoryArray && !named) return JsonDialect.Occi11;
                    break;
                case JsonTokenType.StartArray:
                case JsonTokenType.EndArray:
                    break;
                default:
                    // A scalar "attributes" value ends the member at once.
                    if (depth == attributes) attributes = -1;
                    break;
            }
        }
        return null;
    }
}
