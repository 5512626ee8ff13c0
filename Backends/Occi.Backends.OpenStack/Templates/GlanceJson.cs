using System.Text.Json;
using System.Text.Json.Serialization;

namespace Occi.Backends.OpenStack.Templates;

// Glance API v2 image shapes (glance api-ref, images-images-v2.inc): an image's own properties are top-level members
// beside the standard ones, so they are read as extension data.

internal sealed class GlanceImages
{
    public List<GlanceImage> Images { get; set; } = [];

    /// <summary>The next page's path and query (with the marker), absent on the last page.</summary>
    public string? Next { get; set; }
}

internal sealed class GlanceImage
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public string? Status { get; set; }
    public string? Visibility { get; set; }
    public string? Architecture { get; set; }
    public long? MinRam { get; set; }
    public long? MinDisk { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(GlanceImages))]
[JsonSerializable(typeof(GlanceImage))]
internal sealed partial class GlanceJson : JsonSerializerContext;
