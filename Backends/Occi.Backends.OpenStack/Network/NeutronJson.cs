using System.Text.Json.Serialization;

namespace Occi.Backends.OpenStack.Network;

// Neutron v2.0 shapes (neutron-lib api-ref: networks.inc, subnets.inc, ports.inc, routers.inc "Add interface to
// router", floatingips.inc, security-groups.inc, and the standard-attr-tag extension's "Replace all tags").

internal sealed record NetworkEnvelope(NeutronNetwork? Network);
internal sealed record NetworkList(List<NeutronNetwork>? Networks);
internal sealed record NeutronNetwork(
    string Id,
    string? Name,
    string? Status,
    bool? AdminStateUp,
    List<string>? Subnets,
    [property: JsonPropertyName("router:external")] bool? RouterExternal,
    List<string>? Tags,
    int? RevisionNumber);
internal sealed record NewNetworkEnvelope(NewNetwork Network);
internal sealed record NewNetwork(string Name, bool AdminStateUp, string? Description);
internal sealed record NetworkStateEnvelope(NetworkState Network);
internal sealed record NetworkState(bool AdminStateUp);

internal sealed record SubnetEnvelope(NeutronSubnet? Subnet);
internal sealed record NeutronSubnet(string Id, string? NetworkId, int? IpVersion, string? Cidr, string? GatewayIp, bool? EnableDhcp);
internal sealed record NewSubnetEnvelope(NewSubnet Subnet);
internal sealed record NewSubnet(string NetworkId, int IpVersion, string Cidr, string? GatewayIp, bool EnableDhcp, string Name);

internal sealed record PortEnvelope(NeutronPort? Port);
internal sealed record PortList(List<NeutronPort>? Ports);
internal sealed record NeutronPort(
    string Id,
    string? Name,
    string? NetworkId,
    string? DeviceId,
    string? DeviceOwner,
    string? MacAddress,
    string? Status,
    List<FixedIp>? FixedIps,
    List<string>? SecurityGroups,
    string? ProjectId,
    int? RevisionNumber);
internal sealed record FixedIp(string? SubnetId, string? IpAddress);
internal sealed record NewPortEnvelope(NewPort Port);
internal sealed record NewPort(string NetworkId, string Name, string? MacAddress, List<NewFixedIp>? FixedIps, List<string>? SecurityGroups);
internal sealed record NewFixedIp(string IpAddress);
internal sealed record PortGroupsEnvelope(PortGroups Port);
internal sealed record PortGroups(List<string> SecurityGroups);

internal sealed record RouterEnvelope(IdOnly? Router);
internal sealed record RouterList(List<IdOnly>? Routers);
internal sealed record NewRouterEnvelope(NewRouter Router);
internal sealed record NewRouter(string Name, ExternalGateway ExternalGatewayInfo);
internal sealed record ExternalGateway(string NetworkId);
internal sealed record RouterInterface(string SubnetId);

internal sealed record FloatingIpEnvelope(NeutronFloatingIp? Floatingip);
internal sealed record FloatingIpList(List<NeutronFloatingIp>? Floatingips);
internal sealed record NeutronFloatingIp(string Id, string? FloatingIpAddress, string? FloatingNetworkId, string? PortId, string? Status, string? Description, int? RevisionNumber);
internal sealed record NewFloatingIpEnvelope(NewFloatingIp Floatingip);
internal sealed record NewFloatingIp(string FloatingNetworkId, string PortId, string Description);

internal sealed record SecurityGroupList(List<NeutronSecurityGroup>? SecurityGroups);
internal sealed record NeutronSecurityGroup(string Id, string? Name, string? Description);

internal sealed record TagsBody(List<string> Tags);
internal sealed record IdOnly(string Id);

/// <summary>The fields a change follower asks for: enough to tell what moved since it last looked.</summary>
internal sealed record ChangeList(List<ChangeRow>? Networks, List<ChangeRow>? Ports, List<ChangeRow>? Floatingips);
internal sealed record ChangeRow(string Id, int? RevisionNumber);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(NetworkEnvelope))]
[JsonSerializable(typeof(NetworkList))]
[JsonSerializable(typeof(NewNetworkEnvelope))]
[JsonSerializable(typeof(NetworkStateEnvelope))]
[JsonSerializable(typeof(SubnetEnvelope))]
[JsonSerializable(typeof(NewSubnetEnvelope))]
[JsonSerializable(typeof(PortEnvelope))]
[JsonSerializable(typeof(PortList))]
[JsonSerializable(typeof(NewPortEnvelope))]
[JsonSerializable(typeof(PortGroupsEnvelope))]
[JsonSerializable(typeof(RouterEnvelope))]
[JsonSerializable(typeof(RouterList))]
[JsonSerializable(typeof(NewRouterEnvelope))]
[JsonSerializable(typeof(RouterInterface))]
[JsonSerializable(typeof(FloatingIpEnvelope))]
[JsonSerializable(typeof(FloatingIpList))]
[JsonSerializable(typeof(NewFloatingIpEnvelope))]
[JsonSerializable(typeof(SecurityGroupList))]
[JsonSerializable(typeof(TagsBody))]
[JsonSerializable(typeof(ChangeList))]
internal sealed partial class NeutronJson : JsonSerializerContext;
