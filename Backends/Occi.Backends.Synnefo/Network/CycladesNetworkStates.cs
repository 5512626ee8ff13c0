namespace Occi.Backends.Synnefo.Network;

/// <summary>
/// Cyclades' status words (docs/network-api-guide.rst, "Index of Attributes": a network is ACTIVE, DOWN, BUILD, ERROR
/// or SNF:DRAINED, a port ACTIVE, DOWN, BUILD or ERROR) as GFD.184's network (§3.2) and networkinterface (§3.4.1)
/// states, active, inactive and error. A drained network still works for what it has (it only takes no new ports or
/// floating IPs), so it is active, and the message says so. Anything else is inactive: the gateway does not claim
/// what it does not understand works.
/// </summary>
internal static class CycladesNetworkStates
{
    public static string ToOcci(string? status) => status switch
    {
        "ACTIVE" or "SNF:DRAINED" => "active",
        "ERROR" => "error",
        _ => "inactive",
    };

    public static string Message(string what, string? status) => status == "SNF:DRAINED"
        ? $"Cyclades {what} is drained: it takes no new ports or floating IPs"
        : $"Cyclades {what} status: {status ?? "unknown"}";
}
