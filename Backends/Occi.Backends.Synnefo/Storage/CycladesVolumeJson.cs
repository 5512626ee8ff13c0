using System.Text.Json.Serialization;
using Occi.Backends.Synnefo.Http;

namespace Occi.Backends.Synnefo.Storage;

// Cyclades block storage shapes (docs/blockstorage-api-guide.rst: "Create Volume", "Volume Attributes"; volume
// attachments: docs/compute-api-extensions-guide.rst). What differs from the Cinder v3 shapes of the OpenStack
// backend (Storage/CinderJson): OpenStack Block Storage v2 names, display_name (required) and display_description
// where v3 says name and description; the status in capitals in the guide (CREATING, AVAILABLE, DELETED; Cyclades
// itself writes them in lower case); ids that may be numbers; an attachment whose id is the volume's and whose device
// Cyclades leaves empty (Nova names /dev/vdb).

internal sealed record CycladesVolumeEnvelope(CycladesVolume? Volume);
internal sealed record CycladesVolumeList(List<CycladesVolume>? Volumes);
internal sealed record CycladesVolume(
    [property: JsonConverter(typeof(SynnefoId))] string Id,
    string? DisplayName,
    string? Status,
    double? Size,
    Dictionary<string, string>? Metadata,
    List<CycladesVolumeAttachment>? Attachments);
internal sealed record CycladesVolumeAttachment(
    [property: JsonConverter(typeof(SynnefoId))] string? ServerId,
    [property: JsonConverter(typeof(SynnefoId))] string? VolumeId);

internal sealed record NewCycladesVolumeEnvelope(NewCycladesVolume Volume);
internal sealed record NewCycladesVolume(long Size, string DisplayName, string? DisplayDescription, Dictionary<string, string> Metadata, string? VolumeType);

/// <summary>"Create Snapshot": volume_id required, display_name and display_description (Cyclades takes no force).</summary>
internal sealed record NewCycladesSnapshotEnvelope(NewCycladesSnapshot Snapshot);
internal sealed record NewCycladesSnapshot(string VolumeId, string DisplayName, string DisplayDescription);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CycladesVolumeEnvelope))]
[JsonSerializable(typeof(CycladesVolumeList))]
[JsonSerializable(typeof(NewCycladesVolumeEnvelope))]
[JsonSerializable(typeof(NewCycladesSnapshotEnvelope))]
internal sealed partial class CycladesVolumeJson : JsonSerializerContext;

// The compute side of an attachment, in Nova's camelCase (volumeAttachment, serverId, volumeId).
internal sealed record CycladesAttachmentEnvelope(CycladesAttachment? VolumeAttachment);
internal sealed record CycladesAttachment(
    [property: JsonConverter(typeof(SynnefoId))] string? Id,
    [property: JsonConverter(typeof(SynnefoId))] string? ServerId,
    [property: JsonConverter(typeof(SynnefoId))] string? VolumeId);
internal sealed record NewCycladesAttachmentEnvelope(NewCycladesAttachment VolumeAttachment);
internal sealed record NewCycladesAttachment(string VolumeId);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CycladesAttachmentEnvelope))]
[JsonSerializable(typeof(NewCycladesAttachmentEnvelope))]
internal sealed partial class CycladesAttachmentJson : JsonSerializerContext;
