namespace Occi.Backends.OpenStack.Compute;

/// <summary>
/// A Nova server's status and task state as GFD.184's compute state (§3.1.1: active, inactive, suspended, error)
/// with a message: BUILD → inactive, ACTIVE → active, SHUTOFF → inactive, SUSPENDED/PAUSED → suspended,
/// ERROR → error with the server's fault message. Statuses in passing (REBOOT, RESIZE, MIGRATING…) keep the
/// state the server will be back in; the message says what is under way.
/// </summary>
internal static class ServerState
{
    public static (string State, string Message) Of(NovaServer server)
    {
        var status = server.Status ?? "UNKNOWN";
        var state = status switch
        {
            "ACTIVE" or "REBOOT" or "HARD_REBOOT" or "PASSWORD" or "REBUILD" or "RESIZE" or "VERIFY_RESIZE" or "REVERT_RESIZE"
                or "MIGRATING" or "RESCUE" => "active",
            "SUSPENDED" or "PAUSED" => "suspended",
            "ERROR" or "UNKNOWN" => "error",
            // BUILD, SHUTOFF, STOPPED, SHELVED, SHELVED_OFFLOADED, SOFT_DELETED and anything newer.
            _ => "inactive",
        };
        if (state == "error")
            return (state, server.Fault?.Message is { Length: > 0 } fault ? fault : $"Nova reports the server {status} without a fault message");
        return (state, server.TaskState is { Length: > 0 } task ? $"{status} ({task})" : status);
    }

    /// <summary>DELETED (in a changes-since listing) or SOFT_DELETED: the server is gone for OCCI.</summary>
    public static bool IsGone(NovaServer server) => server.Status is "DELETED" or "SOFT_DELETED";
}
