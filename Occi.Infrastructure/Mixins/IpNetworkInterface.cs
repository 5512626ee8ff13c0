using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Infrastructure.Mixins;

/// <summary>GFD.184 §3.4.1.1 / GFD.224: IP configuration of a network interface.</summary>
public static class IpNetworkInterface
{
    public const string Address = "occi.networkinterface.address";
    public const string Gateway = "occi.networkinterface.gateway";
    public const string Allocation = "occi.networkinterface.allocation";

    public static readonly Mixin Mixin = new(InfrastructureSchemes.NetworkInterface, "ipnetworkinterface", "IP Network Interface Mixin",
        "/mixin/ipnetworkinterface/",
        applies: [Kinds.NetworkInterface.Kind.Id],
        attributes:
        [
            new AttributeDefinition(Address, AttributeType.String, description: "Internet Protocol (IP) network address (e.g. 192.168.0.1/24 or fc00::/7) of the link"),
            new AttributeDefinition(Gateway, AttributeType.String, description: "Internet Protocol (IP) network address (e.g. 192.168.0.1/24 or fc00::/7)"),
            new AttributeDefinition(Allocation, AttributeType.Enum, enumValues: ["dynamic", "static"], description: "Address mechanism: dynamic e.g. uses the dynamic host configuration protocol and static e.g. uses user supplied static network configurations"),
        ]);
}
