using System.Text.Json.Serialization;

namespace Occi.Backends.Synnefo.Templates;

// Cyclades/Image, "Plankton" (image-api-guide, "List Available Images in Detail"). Differs from the OpenStack
// backend's GlanceJson (Glance v2): the answer is a bare JSON array, not {"images": […]}; a usable image's status
// is "available" (Glance: "active"); free-form properties sit under "properties" (lower-case keys: os, osfamily, users…).

internal sealed record PlanktonImage(string? Id, string? Name, string? Status, string? DiskFormat, string? Owner, Dictionary<string, System.Text.Json.JsonElement>? Properties);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(List<PlanktonImage>))]
internal sealed partial class PlanktonJson : JsonSerializerContext;
