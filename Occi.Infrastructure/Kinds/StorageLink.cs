using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Infrastructure.Kinds;

/// <summary>GFD.184 §3.4.2 / GFD.224 §3.4.2: links a compute to a storage — "a Resource instance to a Storage instance".</summary>
public static class StorageLink
{
    public const string DeviceId = "occi.storagelink.deviceid";
    public const string MountPoint = "occi.storagelink.mountpoint";
    public const string State = "occi.storagelink.state";
    public const string StateMessage = "occi.storagelink.state.message";

    public static readonly string[] States = ["active", "inactive", "error"];

    public static readonly Kind Kind = new(InfrastructureSchemes.Infrastructure, "storagelink", "StorageLink",
        CoreCategories.Link, "/link/storagelink/",
        [
            new AttributeDefinition(DeviceId, AttributeType.String, description: "Device identifier as defined by the OCCI service provider"),
            new AttributeDefinition(MountPoint, AttributeType.String, description: "Point to where the storage is mounted in the guest OS"),
            new AttributeDefinition(State, AttributeType.Enum, mutable: false, enumValues: States, @default: "inactive", description: "Current status of the instance"),
            new AttributeDefinition(StateMessage, AttributeType.String, mutable: false, description: "Human-readable explanation of the current instance state"),
        ]);
}
