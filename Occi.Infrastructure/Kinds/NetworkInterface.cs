using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Infrastructure.Kinds;

/// <summary>GFD.184 §3.4.1 / GFD.224 §3.4.1: links a compute to a network — "a client device to a networking resource".</summary>
public static class NetworkInterface
{
    public const string Interface = "occi.networkinterface.interface";
    public const string Mac = "occi.networkinterface.mac";
    public const string State = "occi.networkinterface.state";
    public const string StateMessage = "occi.networkinterface.state.message";

    public static readonly string[] States = ["active", "inactive", "error"];

    public static readonly Kind Kind = new(InfrastructureSchemes.Infrastructure, "networkinterface", "NetworkInterface",
        CoreCategories.Link, "/link/networkinterface/",
        [
            new AttributeDefinition(Interface, AttributeType.String, mutable: false, description: "Identifier that relates the link to the link's device interface"),
            new AttributeDefinition(Mac, AttributeType.String, pattern: "[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}", description: "MAC address associated with the link's device interface"),
            new AttributeDefinition(State, AttributeType.Enum, mutable: false, enumValues: States, @default: "inactive", description: "Current status of the instance"),
            new AttributeDefinition(StateMessage, AttributeType.String, mutable: false, description: "Human-readable explanation of the current instance state"),
        ]);
}
