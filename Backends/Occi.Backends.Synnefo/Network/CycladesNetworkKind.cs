using Occi.Core.Model;
using OcciNetwork = Occi.Infrastructure.Kinds.Network;

namespace Occi.Backends.Synnefo.Network;

/// <summary>
/// GFD.184 §3.2's network kind without its up and down actions: Cyclades accepts admin_state_up and ignores it
/// (network-api-guide, "Create network" and "Update network"), so the gateway cannot switch a network. The query
/// interface shows exactly what the gateway can do.
/// </summary>
internal static class CycladesNetworkKind
{
    public static readonly Kind Kind = new(OcciNetwork.Kind.Scheme, OcciNetwork.Kind.Term, OcciNetwork.Kind.Title, OcciNetwork.Kind.Parent,
        OcciNetwork.Kind.Location, OcciNetwork.Kind.Attributes, []);
}
