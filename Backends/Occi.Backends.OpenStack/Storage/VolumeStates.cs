namespace Occi.Backends.OpenStack.Storage;

/// <summary>
/// Cinder's volume status (cinder api-ref v3, "Volume statuses") as a GFD.184 §3.3 storage state. GFD.184 names
/// online, offline, backup, snapshot, resize and degraded (GFD.224 keeps online, offline and error):
/// <list type="bullet">
/// <item>online — the volume can be read and attached: available, in-use, attaching, detaching, reserved, uploading (copied to an image while it serves);</item>
/// <item>offline — it exists but cannot be used yet or any more: creating, downloading, maintenance, awaiting-transfer, retyping, restoring-backup, deleting;</item>
/// <item>backup — backing-up; resize — extending (the transitional states of GFD.184's figure 3);</item>
/// <item>error — error and every error_* status (error_deleting, error_extending, error_restoring, error_backing-up).</item>
/// </list>
/// A status Cinder adds later is offline: the gateway does not claim a volume it does not understand is usable.
/// Cinder has no status for a snapshot in progress (the snapshot has it), so the snapshot state never comes from here.
/// </summary>
internal static class VolumeStates
{
    public static string ToOcci(string? status) => status switch
    {
        "available" or "in-use" or "attaching" or "detaching" or "reserved" or "uploading" => "online",
        "backing-up" => "backup",
        "extending" => "resize",
        "error" => "error",
        not null when status.StartsWith("error_", StringComparison.Ordinal) => "error",
        _ => "offline",
    };

    /// <summary>The human-readable explanation (occi.storage.state.message): Cinder's own word for it.</summary>
    public static string Message(string? status) => $"Cinder volume status: {status ?? "unknown"}";

    /// <summary>While a volume is in one of these, it has not settled: the next read is worth making soon.</summary>
    public static bool IsTransitional(string? status) =>
        status is "creating" or "attaching" or "detaching" or "deleting" or "extending" or "backing-up" or "restoring-backup"
            or "downloading" or "uploading" or "retyping" or "reserved";
}
