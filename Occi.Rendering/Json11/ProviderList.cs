using System.Text.Json;
using Occi.Core.Model;
using Occi.Core.StoreContracts;

namespace Occi.Rendering.Json11;

/// <summary>
/// pyOCNI's update_provider.json: <c>{"providers":[{"Provider":{"local":[name…],"remote":[name…]},"OCCI_ID":kind}…]}</c>,
/// which providers serve each kind. Total: anything of another shape is an <see cref="OcciParseException"/> saying what.
/// </summary>
internal static class ProviderList
{
    public static List<KindProviders> Read(JsonElement providers)
    {
        if (providers.ValueKind != JsonValueKind.Array) throw Bad("'providers' must be a list of {\"Provider\":{\"local\":[…],\"remote\":[…]},\"OCCI_ID\":kind}");
        var list = new List<KindProviders>();
        foreach (var entry in providers.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object) throw Bad("each entry of 'providers' must be an object");
            if (!entry.TryGetProperty("OCCI_ID", out var id) || id.ValueKind != JsonValueKind.String || !CategoryId.TryParse(id.GetString(), out var kind))
                throw Bad("each entry of 'providers' needs \"OCCI_ID\": the kind's identity (scheme#term)");
            if (!entry.TryGetProperty("Provider", out var provider) || provider.ValueKind != JsonValueKind.Object)
                throw Bad($"the 'providers' entry of {kind} needs \"Provider\": {{\"local\":[…],\"remote\":[…]}}");
            list.Add(new KindProviders(kind, new ProviderAssignment(Names(provider, "local", kind), Names(provider, "remote", kind))));
        }
        return list;
    }

    private static string[] Names(JsonElement provider, string part, CategoryId kind)
    {
        if (!provider.TryGetProperty(part, out var names) || names.ValueKind == JsonValueKind.Null) return [];
        if (names.ValueKind != JsonValueKind.Array) throw Bad($"\"{part}\" of the providers of {kind} must be a list of names");
        var result = new List<string>();
        foreach (var name in names.EnumerateArray())
        {
            if (name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 and <= 128 } text)
                throw Bad($"\"{part}\" of the providers of {kind} must list names (strings of 1 to 128 characters)");
            result.Add(text);
        }
        return result.ToArray();
    }

    private static OcciParseException Bad(string message) => new(message);
}
