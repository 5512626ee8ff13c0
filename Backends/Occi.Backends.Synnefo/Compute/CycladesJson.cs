using System.Text.Json.Serialization;
using Occi.Backends.Synnefo.Http;

namespace Occi.Backends.Synnefo.Compute;

// Cyclades/Compute shapes (compute-api-guide: "Create Server", "Get Server Details", "List Flavors", "Server Actions",
// "Index of Attributes"). Differs from the OpenStack backend's NovaJson (Nova v2.1 at a microversion): ids may be
// numbers; a server names its flavor by id only (no embedded sizes); SNF:fqdn and SNF:task_state instead of
// OS-EXT-* members; "suspended" says an administrative suspension; a flavor carries SNF:disk_template; a new server
// takes "personality" files and a "project"; no servers_links (no pagination). "updated" is Cyclades' own time of a
// server's last change, the marker of the next changes-since listing.

internal sealed record ServerEnvelope(CycladesServer Server);
internal sealed record ServersEnvelope(List<CycladesServer>? Servers);

internal sealed record CycladesServer(
    [property: JsonConverter(typeof(SynnefoId))] string Id,
    string? Name,
    string? Status,
    string? TenantId,
    Dictionary<string, string>? Metadata,
    CycladesRef? Image,
    CycladesRef? Flavor,
    bool? Suspended,
    [property: JsonPropertyName("SNF:fqdn")] string? Fqdn,
    [property: JsonPropertyName("SNF:task_state")] string? TaskState,
    List<CycladesDiagnostic>? Diagnostics,
    DateTimeOffset? Updated = null);

internal sealed record CycladesRef([property: JsonConverter(typeof(SynnefoId))] string? Id);

/// <summary>One of a server's diagnostics (compute-api-guide, "Get Server Diagnostics"): what tells why a server is in ERROR.</summary>
internal sealed record CycladesDiagnostic(string? Level, string? Message);

internal sealed record CreateServerEnvelope(NewServer Server);
internal sealed record NewServer(
    string Name,
    [property: JsonPropertyName("imageRef")] string ImageRef,
    [property: JsonPropertyName("flavorRef")] string FlavorRef,
    Dictionary<string, string> Metadata,
    string? UserData,
    List<PersonalityFile>? Personality);

/// <summary>A file injected while the server is created (compute-api-guide, "Personality"): contents base64, at most 10240 bytes.</summary>
internal sealed record PersonalityFile(string Path, string Contents, string? Owner, string? Group, int? Mode);

internal sealed record RenameServerEnvelope(RenameServer Server);
internal sealed record RenameServer(string Name);

internal sealed record FlavorsEnvelope(List<CycladesFlavor>? Flavors);
internal sealed record CycladesFlavor(
    [property: JsonConverter(typeof(SynnefoId))] string Id,
    string? Name,
    int Vcpus,
    int Ram,
    int Disk,
    [property: JsonPropertyName("SNF:disk_template")] string? DiskTemplate);

internal sealed record RebootAction(RebootType Reboot);
internal sealed record RebootType(string Type);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ServerEnvelope))]
[JsonSerializable(typeof(ServersEnvelope))]
[JsonSerializable(typeof(CreateServerEnvelope))]
[JsonSerializable(typeof(RenameServerEnvelope))]
[JsonSerializable(typeof(FlavorsEnvelope))]
[JsonSerializable(typeof(RebootAction))]
internal sealed partial class CycladesJson : JsonSerializerContext;
