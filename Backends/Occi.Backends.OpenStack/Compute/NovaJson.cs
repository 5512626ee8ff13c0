using System.Text.Json;
using System.Text.Json.Serialization;

namespace Occi.Backends.OpenStack.Compute;

// Nova API v2.1 shapes at the pinned microversion (nova api-ref: servers.inc, servers-actions.inc, os-keypairs.inc,
// flavors.inc). From 2.47 a server embeds its flavor's sizes; "image" is "" for a server booted from a volume.

internal sealed record ServerEnvelope(NovaServer Server);
internal sealed record ServersEnvelope(List<NovaServer> Servers, [property: JsonPropertyName("servers_links")] List<NovaLink>? ServersLinks);
internal sealed record NovaLink(string? Rel, string? Href);

internal sealed record NovaServer(
    string Id,
    string? Name,
    string? Status,
    string? TenantId,
    DateTimeOffset? Updated,
    Dictionary<string, string>? Metadata,
    JsonElement Image,
    NovaServerFlavor? Flavor,
    NovaFault? Fault,
    [property: JsonPropertyName("OS-EXT-STS:task_state")] string? TaskState,
    [property: JsonPropertyName("OS-EXT-SRV-ATTR:hostname")] string? Hostname,
    [property: JsonPropertyName("key_name")] string? KeyName)
{
    /// <summary>The image id, or null for a server booted from a volume ("image": "").</summary>
    public string? ImageId => Image.ValueKind == JsonValueKind.Object && Image.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
}

internal sealed record NovaServerFlavor(int? Vcpus, int? Ram, int? Disk, [property: JsonPropertyName("original_name")] string? OriginalName);
internal sealed record NovaFault(int? Code, string? Message);

internal sealed record CreateServerEnvelope(CreateServer Server);
internal sealed record CreateServer(
    string Name,
    [property: JsonPropertyName("imageRef")] string ImageRef,
    [property: JsonPropertyName("flavorRef")] string FlavorRef,
    string? KeyName,
    string? UserData,
    Dictionary<string, string> Metadata,
    string Networks);
internal sealed record CreatedServerEnvelope(CreatedServer Server);
internal sealed record CreatedServer(string Id);

internal sealed record RenameServerEnvelope(RenameServer Server);
internal sealed record RenameServer(string Name);

internal sealed record KeypairEnvelope(NewKeypair Keypair);
internal sealed record NewKeypair(string Name, string PublicKey);

internal sealed record FlavorsEnvelope(List<NovaFlavor> Flavors);
internal sealed record NovaFlavor(string Id, string? Name, int Vcpus, int Ram, int Disk);

/// <summary>Server actions (servers-actions.inc): each a one-member object; most take null.</summary>
internal sealed record RebootAction(RebootType Reboot);
internal sealed record RebootType(string Type);
internal sealed record CreateImageAction([property: JsonPropertyName("createImage")] CreateImage CreateImage);
internal sealed record CreateImage(string Name, Dictionary<string, string> Metadata);
internal sealed record CreatedImage(string? ImageId);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ServerEnvelope))]
[JsonSerializable(typeof(ServersEnvelope))]
[JsonSerializable(typeof(CreateServerEnvelope))]
[JsonSerializable(typeof(CreatedServerEnvelope))]
[JsonSerializable(typeof(RenameServerEnvelope))]
[JsonSerializable(typeof(KeypairEnvelope))]
[JsonSerializable(typeof(FlavorsEnvelope))]
[JsonSerializable(typeof(RebootAction))]
[JsonSerializable(typeof(CreateImageAction))]
[JsonSerializable(typeof(CreatedImage))]
internal sealed partial class NovaJson : JsonSerializerContext;
