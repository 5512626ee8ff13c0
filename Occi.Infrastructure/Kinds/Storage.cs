using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Infrastructure.Kinds;

/// <summary>GFD.184 §3.3 / GFD.224 §3.3: "Storage: Information recording resources."</summary>
public static class Storage
{
    public const string Size = "occi.storage.size";
    public const string State = "occi.storage.state";
    public const string StateMessage = "occi.storage.state.message";

    /// <summary>1.2's three states plus the transitional 1.1 ones that rOCCI still renders.</summary>
    public static readonly string[] States = ["online", "offline", "backup", "snapshot", "resize", "degraded", "error"];

    public static readonly OcciAction Online = new(InfrastructureSchemes.StorageAction, "online", "Set storage online");
    public static readonly OcciAction Offline = new(InfrastructureSchemes.StorageAction, "offline", "Set storage offline");
    public static readonly OcciAction Backup = new(InfrastructureSchemes.StorageAction, "backup", "Back up the storage");
    public static readonly OcciAction Snapshot = new(InfrastructureSchemes.StorageAction, "snapshot", "Take a snapshot of the storage");

    public static readonly OcciAction Resize = new(InfrastructureSchemes.StorageAction, "resize", "Resize the storage",
        [new AttributeDefinition("size", AttributeType.Number, required: true, description: "New size in gigabytes")]);

    public static readonly Kind Kind = new(InfrastructureSchemes.Infrastructure, "storage", "Storage Resource",
        CoreCategories.Resource, "/storage/",
        [
            new AttributeDefinition(Size, AttributeType.Number, required: true, description: "Storage size of the instance in gigabytes"),
            new AttributeDefinition(State, AttributeType.Enum, mutable: false, enumValues: States, @default: "offline", description: "Current status of the instance"),
            new AttributeDefinition(StateMessage, AttributeType.String, mutable: false, description: "Human-readable explanation of the current instance state"),
        ],
        [Online, Offline, Backup, Snapshot, Resize]);
}
