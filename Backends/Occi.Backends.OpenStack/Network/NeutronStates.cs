namespace Occi.Backends.OpenStack.Network;

/// <summary>
/// Neutron's status words (networking api-ref: a network's and a port's status is ACTIVE, DOWN, BUILD or ERROR; a
/// floating IP's ACTIVE, DOWN or ERROR) as GFD.184 network (§3.2) and networkinterface (§3.4.1) states, which are
/// active, inactive and error. A network an administrator set down (admin_state_up false) is inactive whatever
/// its status; a status Neutron adds later is inactive: the gateway does not claim what it does not understand works.
/// </summary>
internal static class NeutronStates
{
    public static string Network(NeutronNetwork network) =>
        network.AdminStateUp == false ? "inactive" : Link(network.Status);

    /// <summary>A port's or floating IP's status as the networkinterface's state.</summary>
    public static string Link(string? status) => status switch
    {
        "ACTIVE" => "active",
        "ERROR" => "error",
        _ => "inactive",
    };

    public static string Message(string what, string? status, bool? adminStateUp = null) =>
        adminStateUp == false ? $"Neutron {what} is administratively down (status {status ?? "unknown"})" : $"Neutron {what} status: {status ?? "unknown"}";
}
