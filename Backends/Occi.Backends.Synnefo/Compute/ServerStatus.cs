namespace Occi.Backends.Synnefo.Compute;

/// <summary>
/// A Cyclades server's status (compute-api-guide, "Server Status") as GFD.184's compute state (§3.1.1) with a
/// message: BUILD → inactive, ACTIVE and REBOOT → active, STOPPED → inactive, ERROR and UNKNOWN → error (with the
/// latest diagnostic's message), and a server the cloud suspended ("suspended": true) → suspended whatever its
/// status. Differs from Nova's: STOPPED instead of SHUTOFF, one REBOOT for both reboots, no SUSPENDED status.
/// </summary>
internal static class ServerStatus
{
    public static (string State, string Message) Of(CycladesServer server)
    {
        var status = server.Status ?? "UNKNOWN";
        if (server.Suspended == true) return ("suspended", $"{status} (suspended by the cloud's administrators)");
        var state = status switch
        {
            "ACTIVE" or "REBOOT" => "active",
            "ERROR" or "UNKNOWN" => "error",
            // BUILD, STOPPED and anything newer.
            _ => "inactive",
        };
        if (state == "error")
            return (state, server.Diagnostics?.FirstOrDefault(d => d.Message is { Length: > 0 })?.Message is { } diagnostic
                ? diagnostic : $"Cyclades reports the server {status} without a diagnostic");
        return (state, server.TaskState is { Length: > 0 } task ? $"{status} ({task})" : status);
    }

    /// <summary>DELETED: the server is gone for OCCI (Cyclades lists deleted servers for a while).</summary>
    public static bool IsGone(CycladesServer server) => server.Status == "DELETED";
}
