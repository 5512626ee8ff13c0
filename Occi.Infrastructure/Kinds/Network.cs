using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Infrastructure.Kinds;

/// <summary>GFD.184 §3.2 / GFD.224 §3.2: "Network: Interconnection resource and represents a L2 networking resource."</summary>
public static class Network
{
    public const string Vlan = "occi.network.vlan";
    public const string Label = "occi.network.label";
    public const string State = "occi.network.state";
    public const string StateMessage = "occi.network.state.message";

    public static readonly string[] States = ["active", "inactive", "error"];

    public static readonly OcciAction Up = new(InfrastructureSchemes.NetworkAction, "up", "Activate network");
    public static readonly OcciAction Down = new(InfrastructureSchemes.NetworkAction, "down", "Deactivate network");

    public static readonly Kind Kind = new(InfrastructureSchemes.Infrastructure, "network", "Network Resource",
        CoreCategories.Resource, "/network/",
        [
            new AttributeDefinition(Vlan, AttributeType.Integer, description: "802.1q VLAN identifier"),
            new AttributeDefinition(Label, AttributeType.String, description: "Tag based VLANs"),
            new AttributeDefinition(State, AttributeType.Enum, mutable: false, enumValues: States, @default: "inactive", description: "Current state of the instance"),
            new AttributeDefinition(StateMessage, AttributeType.String, mutable: false, description: "Human-readable explanation of the current instance state"),
        ],
        [Up, Down]);
}
