namespace Occi.Backends.Synnefo.Storage;

/// <summary>
/// A Cyclades volume's status as GFD.184 §3.3's storage state. docs/blockstorage-api-guide.rst ("Volume Attributes")
/// lists CREATING, AVAILABLE and DELETED, in capitals; Cyclades writes them in lower case, so the word is compared
/// without case. available (and in_use, an attached volume's word in Synnefo's own console) is online; creating is
/// offline until Archipelago has made it; error and anything ending in _error (or error_…) is error; a status the
/// guide does not name is offline: the gateway does not call usable what it does not understand.
/// </summary>
internal static class CycladesVolumeStates
{
    public static string ToOcci(string? status) => Normal(status) switch
    {
        "available" or "in_use" or "in-use" => "online",
        "error" => "error",
        { } s when s.StartsWith("error", StringComparison.Ordinal) || s.EndsWith("_error", StringComparison.Ordinal) => "error",
        _ => "offline",
    };

    /// <summary>True for a volume Cyclades has done with (deleted): the storage no longer exists.</summary>
    public static bool IsGone(string? status) => Normal(status) is "deleted" or "deleting";

    /// <summary>True for a volume that can be attached or deleted now (made, not in an error).</summary>
    public static bool IsReady(string? status) => Normal(status) is "available" or "in_use" or "in-use";

    public static string Message(string? status) => $"Cyclades volume status: {status ?? "unknown"}";

    private static string? Normal(string? status) => status?.ToLowerInvariant();
}
