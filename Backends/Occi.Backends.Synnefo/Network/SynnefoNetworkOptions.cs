namespace Occi.Backends.Synnefo.Network;

/// <summary>
/// The Cyclades/Network part of the Occi:Synnefo section (network ↔ Cyclades network, networkinterface ↔ port or
/// floating IP). It shares the section with <see cref="SynnefoOptions"/>: an operator configures one Synnefo.
/// </summary>
public sealed class SynnefoNetworkOptions
{
    public const string Section = "Occi:Synnefo";

    /// <summary>
    /// The type a new private network is made with (network-api-guide, "Create network": type is required; MAC_FILTERED,
    /// IP_LESS_ROUTED or PHYSICAL_VLAN, as the site offers them).
    /// </summary>
    public string NetworkType { get; set; } = "MAC_FILTERED";

    /// <summary>
    /// The floating IP pool (a public network's name or id) addresses come from for a link to /network/public; empty:
    /// the only network that is a floating IP pool, and none when the site has several or none.
    /// </summary>
    public string PublicNetwork { get; set; } = "";
}
