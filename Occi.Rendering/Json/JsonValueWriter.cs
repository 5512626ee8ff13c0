using System.Buffers;
using System.Text.Json;
using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Rendering.Json;

/// <summary>
/// Attribute bags (each value in <see cref="AttributeJson"/>'s form) and the strings the rendering builds
/// from two parts (scheme + term, base URL + path), written without building the joined string.
/// </summary>
internal static class JsonValueWriter
{
    private const int StackLimit = 512;

    public static void WriteAttributes(Utf8JsonWriter w, AttributeBag bag, string? except = null)
    {
        foreach (var (name, value) in bag)
        {
            if (except is not null && string.Equals(name, except, StringComparison.Ordinal)) continue;
            w.WritePropertyName(name);
            AttributeJson.Write(w, value); // GFD.225 §3.5: values keep their JSON type
        }
    }

    /// <summary>A category identity (scheme + term) as a string value.</summary>
    public static void WriteIdentity(Utf8JsonWriter w, CategoryId id) => WriteJoined(w, default, id.Scheme, id.Term, named: false);

    public static void WriteIdentity(Utf8JsonWriter w, JsonEncodedText name, CategoryId id) => WriteJoined(w, name, id.Scheme, id.Term, named: true);

    /// <summary>A location made absolute as <see cref="RenderContext.Absolute"/> does, without allocating the URL.</summary>
    public static void WriteLocation(Utf8JsonWriter w, JsonEncodedText name, string location, RenderContext context)
    {
        if (location.StartsWith('/')) WriteJoined(w, name, context.BaseUrl, location, named: true);
        else w.WriteString(name, location);
    }

    public static void WriteLocationValue(Utf8JsonWriter w, string location, RenderContext context)
    {
        if (location.StartsWith('/')) WriteJoined(w, default, context.BaseUrl, location, named: false);
        else w.WriteStringValue(location);
    }

    public static void WriteIdentities(Utf8JsonWriter w, JsonEncodedText name, IReadOnlyList<CategoryId> ids)
    {
        // The 1.2 schema's stringArray has minItems 1: an empty list is left out.
        if (ids.Count == 0) return;
        w.WriteStartArray(name);
        for (var i = 0; i < ids.Count; i++) WriteIdentity(w, ids[i]);
        w.WriteEndArray();
    }

    private static void WriteJoined(Utf8JsonWriter w, JsonEncodedText name, string? a, string? b, bool named)
    {
        a ??= "";
        b ??= "";
        var length = a.Length + b.Length;
        char[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length));
        a.CopyTo(buffer);
        b.CopyTo(buffer[a.Length..]);
        if (named) w.WriteString(name, buffer[..length]);
        else w.WriteStringValue(buffer[..length]);
        if (rented is not null) ArrayPool<char>.Shared.Return(rented);
    }
}
