using System.Text.Json.Serialization;

namespace Occi.Backends.OpenStack.Storage;

// Cinder v3 shapes (cinder api-ref v3: volumes-v3-volumes.inc "Create a volume", "Show a volume's details",
// "List accessible volumes with details"; volumes-v3-volumes-actions.inc "Extend a volume size";
// volumes-v3-snapshots.inc "Create a snapshot"; ext-backups.inc "Create a backup").

internal sealed record VolumeEnvelope(CinderVolume? Volume);
internal sealed record VolumeList(List<CinderVolume>? Volumes);

internal sealed record CinderVolume(
    string Id,
    string? Status,
    double? Size,
    string? Name,
    Dictionary<string, string>? Metadata,
    List<VolumeAttachmentInfo>? Attachments,
    string? UpdatedAt)
{
    /// <summary>Cinder writes its times without an offset ("2026-12-05T08:34:58.000000"): they are UTC.</summary>
    public DateTimeOffset? UpdatedAtUtc =>
        DateTimeOffset.TryParse(UpdatedAt, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
}

/// <summary>One server a volume is attached to, as the volume shows it.</summary>
internal sealed record VolumeAttachmentInfo(string? ServerId, string? AttachmentId, string? Device);

internal sealed record NewVolumeEnvelope(NewVolume Volume);
internal sealed record NewVolume(double Size, string Name, string? Description, Dictionary<string, string> Metadata);

internal sealed record ExtendAction([property: JsonPropertyName("os-extend")] ExtendSize Extend);
internal sealed record ExtendSize(double NewSize);

internal sealed record NewSnapshotEnvelope(NewSnapshot Snapshot);
internal sealed record NewSnapshot(string VolumeId, string Name, bool Force, Dictionary<string, string> Metadata);

internal sealed record NewBackupEnvelope(NewBackup Backup);
internal sealed record NewBackup(string VolumeId, string Name, bool Incremental, bool Force);

/// <summary>What a create of a snapshot or a backup answers: its id is all the gateway keeps.</summary>
internal sealed record CreatedEnvelope(IdOnly? Snapshot, IdOnly? Backup);
internal sealed record IdOnly(string Id);

internal sealed record ServiceList(List<CinderService>? Services);
internal sealed record CinderService(string? Binary, string? State, string? Status);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VolumeEnvelope))]
[JsonSerializable(typeof(VolumeList))]
[JsonSerializable(typeof(NewVolumeEnvelope))]
[JsonSerializable(typeof(ExtendAction))]
[JsonSerializable(typeof(NewSnapshotEnvelope))]
[JsonSerializable(typeof(NewBackupEnvelope))]
[JsonSerializable(typeof(CreatedEnvelope))]
[JsonSerializable(typeof(ServiceList))]
internal sealed partial class CinderJson : JsonSerializerContext;
