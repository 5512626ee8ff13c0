using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Infrastructure.Kinds;

/// <summary>GFD.184 §3.1 / GFD.224 §3.1: "Compute: Information processing resources."</summary>
public static class Compute
{
    public const string Architecture = "occi.compute.architecture";
    public const string Cores = "occi.compute.cores";
    public const string Hostname = "occi.compute.hostname";
    public const string Share = "occi.compute.share";
    public const string Speed = "occi.compute.speed";
    public const string Memory = "occi.compute.memory";
    public const string State = "occi.compute.state";
    public const string StateMessage = "occi.compute.state.message";

    public static readonly string[] States = ["active", "inactive", "suspended", "error"];

    public static readonly OcciAction Start = new(InfrastructureSchemes.ComputeAction, "start", "Start the system");

    public static readonly OcciAction Stop = new(InfrastructureSchemes.ComputeAction, "stop", "Stop the system",
        [new AttributeDefinition("method", AttributeType.Enum, enumValues: ["graceful", "acpioff", "poweroff"])]);

    public static readonly OcciAction Restart = new(InfrastructureSchemes.ComputeAction, "restart", "Restart the system",
        [new AttributeDefinition("method", AttributeType.Enum, enumValues: ["graceful", "warm", "cold"])]);

    public static readonly OcciAction Suspend = new(InfrastructureSchemes.ComputeAction, "suspend", "Suspend the system",
        [new AttributeDefinition("method", AttributeType.Enum, enumValues: ["hibernate", "suspend"])]);

    /// <summary>GFD.224 adds save: snapshot the running system into a new os_tpl.</summary>
    public static readonly OcciAction Save = new(InfrastructureSchemes.ComputeAction, "save", "Save the system",
    [
        new AttributeDefinition("method", AttributeType.Enum, enumValues: ["hot", "deferred"]),
        new AttributeDefinition("name", AttributeType.String),
    ]);

    public static readonly Kind Kind = new(InfrastructureSchemes.Infrastructure, "compute", "Compute Resource",
        CoreCategories.Resource, "/compute/",
        [
            new AttributeDefinition(Architecture, AttributeType.Enum, enumValues: ["x86", "x64"], description: "CPU architecture of the instance"),
            new AttributeDefinition(Cores, AttributeType.Integer, description: "Number of virtual CPU cores assigned to the instance"),
            new AttributeDefinition(Hostname, AttributeType.String, description: "Fully qualified DNS hostname for the instance"),
            new AttributeDefinition(Share, AttributeType.Integer, description: "Relative number of CPU shares for the instance"),
            new AttributeDefinition(Speed, AttributeType.Number, description: "CPU clock frequency (speed) in gigahertz"),
            new AttributeDefinition(Memory, AttributeType.Number, description: "Maximum RAM in gigabytes allocated to the instance"),
            new AttributeDefinition(State, AttributeType.Enum, mutable: false, enumValues: States, @default: "inactive", description: "Current state of the instance"),
            new AttributeDefinition(StateMessage, AttributeType.String, mutable: false, description: "Human-readable explanation of the current instance state"),
        ],
        [Start, Stop, Restart, Suspend, Save]);
}
