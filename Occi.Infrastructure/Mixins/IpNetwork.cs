using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Infrastructure.Mixins;

/// <summary>GFD.184 §3.2.1 / GFD.224 §3.2.1: IP networking for a network (address, gateway, allocation).</summary>
public static class IpNetwork
{
    public const string Address = "occi.network.address";
    public const string Gateway = "occi.network.gateway";
    public const string Allocation = "occi.network.allocation";

    public static readonly Mixin Mixin = new(InfrastructureSchemes.Network, "ipnetwork", "IP Network Mixin", "/mixin/ipnetwork/",
        applies: [Kinds.Network.Kind.Id],
        attributes:
        [
            new AttributeDefinition(Address, AttributeType.String, description: "Internet Protocol (IP) network address (e.g. 192.168.0.1/24 or fc00::/7)"),
            new AttributeDefinition(Gateway, AttributeType.String, description: "Internet Protocol (IP) network address (e.g. 192.168.0.1 or fc00::)"),
            new AttributeDefinition(Allocation, AttributeType.Enum, enumValues: ["dynamic", "static"], description: "Address allocation mechanism: dynamic e.g. uses the dynamic host configuration protocol and static e.g. uses user supplied static network configurations"),
        ]);
}
