namespace Occi.Backends.OpenStack.Network;

/// <summary>
/// The Neutron part of the Occi:OpenStack section (network ↔ network, networkinterface ↔ port or floating IP,
/// security groups as mixins). It shares the section with <see cref="OpenStackOptions"/>: an operator configures
/// one OpenStack, not one per service.
/// </summary>
public sealed class OpenStackNetworkOptions
{
    public const string Section = "Occi:OpenStack";

    /// <summary>
    /// The external network (name or id) floating IPs come from; empty: the only network with router:external, and
    /// none offered when the cloud has several or none.
    /// </summary>
    public string PublicNetwork { get; set; } = "";

    /// <summary>
    /// A network made with an ipnetwork address gets a router from its subnet to the public network (named after it,
    /// removed with it), so its ports can be given floating IPs, as sites that offered OCCI on OpenStack did.
    /// </summary>
    public bool RouteNetworks { get; set; } = true;
}
