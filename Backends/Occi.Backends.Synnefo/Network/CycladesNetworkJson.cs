using System.Text.Json.Serialization;
using Occi.Backends.Synnefo.Http;

namespace Occi.Backends.Synnefo.Network;

// Cyclades/Network shapes (docs/network-api-guide.rst: "Create network", "Create subnet", "Create port", "Create
// floating ip" and the "Index of Attributes"). What differs from the Neutron shapes of the OpenStack backend
// (Network/NeutronJson): ids may be numbers (SynnefoId); a network is created with a required type and without
// admin_state_up; it says whether it is a floating IP pool (SNF:floating_ip_pool) and public; a port's fixed IP
// names its "subnet" (Neutron: subnet_id), and a port is made with the device_id of the server it connects; a
// floating IP has instance_id and no status or description, and is made without a port.

internal sealed record CycladesNetworkEnvelope(CycladesNetwork? Network);
internal sealed record CycladesNetworkList(List<CycladesNetwork>? Networks);
internal sealed record CycladesNetwork(
    [property: JsonConverter(typeof(SynnefoId))] string Id,
    string? Name,
    string? Status,
    string? Type,
    bool? Public,
    [property: JsonPropertyName("router:external")] bool? RouterExternal,
    [property: JsonPropertyName("SNF:floating_ip_pool")] bool? FloatingIpPool,
    [property: JsonConverter(typeof(SynnefoIdList))] List<string>? Subnets)
{
    /// <summary>A network floating IPs are reserved from: the site's public networks.</summary>
    public bool IsFloatingIpPool => FloatingIpPool == true || RouterExternal == true;
}

internal sealed record NewCycladesNetworkEnvelope(NewCycladesNetwork Network);
internal sealed record NewCycladesNetwork(string Name, string Type);

internal sealed record CycladesSubnetEnvelope(CycladesSubnet? Subnet);
internal sealed record CycladesSubnet(
    [property: JsonConverter(typeof(SynnefoId))] string Id,
    [property: JsonConverter(typeof(SynnefoId))] string? NetworkId,
    int? IpVersion,
    string? Cidr,
    string? GatewayIp,
    bool? EnableDhcp);
internal sealed record NewCycladesSubnetEnvelope(NewCycladesSubnet Subnet);
internal sealed record NewCycladesSubnet(string NetworkId, string Cidr, int IpVersion, string? GatewayIp, bool EnableDhcp, string Name);

internal sealed record CycladesPortEnvelope(CycladesPort? Port);
internal sealed record CycladesPortList(List<CycladesPort>? Ports);
internal sealed record CycladesPort(
    [property: JsonConverter(typeof(SynnefoId))] string Id,
    string? Name,
    string? Status,
    [property: JsonConverter(typeof(SynnefoId))] string? NetworkId,
    [property: JsonConverter(typeof(SynnefoId))] string? DeviceId,
    string? MacAddress,
    List<CycladesFixedIp>? FixedIps);
internal sealed record CycladesFixedIp([property: JsonConverter(typeof(SynnefoId))] string? Subnet, string? IpAddress);
internal sealed record NewCycladesPortEnvelope(NewCycladesPort Port);
internal sealed record NewCycladesPort(string NetworkId, string DeviceId, string Name, List<NewCycladesFixedIp>? FixedIps);
internal sealed record NewCycladesFixedIp(string IpAddress);

internal sealed record CycladesFloatingIpEnvelope(CycladesFloatingIp? Floatingip);
internal sealed record CycladesFloatingIpList(List<CycladesFloatingIp>? Floatingips);
internal sealed record CycladesFloatingIp(
    [property: JsonConverter(typeof(SynnefoId))] string Id,
    [property: JsonConverter(typeof(SynnefoId))] string? FloatingNetworkId,
    string? FloatingIpAddress,
    [property: JsonConverter(typeof(SynnefoId))] string? PortId,
    [property: JsonConverter(typeof(SynnefoId))] string? InstanceId);
internal sealed record NewCycladesFloatingIpEnvelope(NewCycladesFloatingIp Floatingip);
internal sealed record NewCycladesFloatingIp(string FloatingNetworkId);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CycladesNetworkEnvelope))]
[JsonSerializable(typeof(CycladesNetworkList))]
[JsonSerializable(typeof(NewCycladesNetworkEnvelope))]
[JsonSerializable(typeof(CycladesSubnetEnvelope))]
[JsonSerializable(typeof(NewCycladesSubnetEnvelope))]
[JsonSerializable(typeof(CycladesPortEnvelope))]
[JsonSerializable(typeof(CycladesPortList))]
[JsonSerializable(typeof(NewCycladesPortEnvelope))]
[JsonSerializable(typeof(CycladesFloatingIpEnvelope))]
[JsonSerializable(typeof(CycladesFloatingIpList))]
[JsonSerializable(typeof(NewCycladesFloatingIpEnvelope))]
internal sealed partial class CycladesNetworkJson : JsonSerializerContext;
