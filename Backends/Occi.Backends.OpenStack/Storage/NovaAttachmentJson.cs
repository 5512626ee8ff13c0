using System.Text.Json.Serialization;

namespace Occi.Backends.OpenStack.Storage;

// Nova's side of a volume attachment (nova api-ref os-volume-attachments.inc: "Attach a volume to an instance",
// "Show a detail of a volume attachment", "Detach a volume from an instance").

internal sealed record VolumeAttachmentEnvelope(NovaVolumeAttachment? VolumeAttachment);
internal sealed record NovaVolumeAttachment(string? VolumeId, string? ServerId, string? Device);

internal sealed record NewVolumeAttachmentEnvelope(NewVolumeAttachment VolumeAttachment);
internal sealed record NewVolumeAttachment(string VolumeId, string? Device);

// Nova names these fields in camelCase (volumeId, serverId, volumeAttachment).
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VolumeAttachmentEnvelope))]
[JsonSerializable(typeof(NewVolumeAttachmentEnvelope))]
internal sealed partial class NovaAttachmentJson : JsonSerializerContext;
