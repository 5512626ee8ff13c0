using System.Text.Json.Serialization;

namespace Occi.Backends.OpenStack.Network;

// Nova's side of a port on a server (nova api-ref os-interface.inc: "Create Interface", "Detach Interface").

internal sealed record NewInterfaceEnvelope([property: JsonPropertyName("interfaceAttachment")] NewInterface InterfaceAttachment);
internal sealed record NewInterface(string PortId);

internal sealed record InterfaceEnvelope([property: JsonPropertyName("interfaceAttachment")] NovaInterface? InterfaceAttachment);
internal sealed record NovaInterface(string? PortId, string? PortState, string? MacAddr);

// One server metadata item (nova api-ref server-metadata.inc: "Show Metadata Item Details", "Create Or Update Metadata Item").
internal sealed record MetaEnvelope(Dictionary<string, string>? Meta);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NewInterfaceEnvelope))]
[JsonSerializable(typeof(InterfaceEnvelope))]
[JsonSerializable(typeof(MetaEnvelope))]
internal sealed partial class NovaInterfaceJson : JsonSerializerContext;
