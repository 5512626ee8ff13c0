using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Occi.Backends.OpenStack.Http;
using Occi.Backends.OpenStack.Identity;
using Occi.Core;

namespace Occi.Backends.OpenStack.Network;

/// <summary>
/// The Neutron v2.0 calls the gateway makes, named as the networking API reference names them. Neutron takes no
/// microversion; its catalog endpoint is the service root, so every path starts with v2.0/.
/// </summary>
internal sealed class NeutronClient(OpenStackHttp http)
{
    private static readonly OpenStackService Service = new("network", "Neutron");
    private static NeutronJson Json => NeutronJson.Default;

    // Networks (networks.inc).

    public async Task<NeutronNetwork> CreateNetworkAsync(ICredential credential, NewNetwork network, CancellationToken ct) =>
        (await PostAsync(credential, "networks", new NewNetworkEnvelope(network), Json.NewNetworkEnvelope, Json.NetworkEnvelope, ct))?.Network
        ?? throw Unreadable("create a network");

    public async Task<NeutronNetwork?> ShowNetworkAsync(ICredential credential, string id, CancellationToken ct) =>
        (await GetOrNullAsync(credential, "networks/" + Uri.EscapeDataString(id), Json.NetworkEnvelope, ct))?.Network;

    public async Task<IReadOnlyList<NeutronNetwork>> ListNetworksAsync(ICredential credential, string query, CancellationToken ct) =>
        (await http.SendAsync(credential, Service, HttpMethod.Get, "v2.0/networks" + query, Json.NetworkList, null, ct))?.Networks ?? [];

    public Task SetNetworkAdminStateAsync(ICredential credential, string id, bool up, CancellationToken ct) =>
        PutAsync(credential, "networks/" + Uri.EscapeDataString(id), new NetworkStateEnvelope(new NetworkState(up)), Json.NetworkStateEnvelope, ct);

    public Task DeleteNetworkAsync(ICredential credential, string id, CancellationToken ct) =>
        DeleteAsync(credential, "networks/" + Uri.EscapeDataString(id), ct);

    // Subnets (subnets.inc).

    public async Task<NeutronSubnet> CreateSubnetAsync(ICredential credential, NewSubnet subnet, CancellationToken ct) =>
        (await PostAsync(credential, "subnets", new NewSubnetEnvelope(subnet), Json.NewSubnetEnvelope, Json.SubnetEnvelope, ct))?.Subnet
        ?? throw Unreadable("create a subnet");

    public async Task<NeutronSubnet?> ShowSubnetAsync(ICredential credential, string id, CancellationToken ct) =>
        (await GetOrNullAsync(credential, "subnets/" + Uri.EscapeDataString(id), Json.SubnetEnvelope, ct))?.Subnet;

    // Ports (ports.inc).

    public async Task<NeutronPort> CreatePortAsync(ICredential credential, NewPort port, CancellationToken ct) =>
        (await PostAsync(credential, "ports", new NewPortEnvelope(port), Json.NewPortEnvelope, Json.PortEnvelope, ct))?.Port
        ?? throw Unreadable("create a port");

    public async Task<NeutronPort?> ShowPortAsync(ICredential credential, string id, CancellationToken ct) =>
        (await GetOrNullAsync(credential, "ports/" + Uri.EscapeDataString(id), Json.PortEnvelope, ct))?.Port;

    public async Task<IReadOnlyList<NeutronPort>> ListPortsAsync(ICredential credential, string query, CancellationToken ct) =>
        (await http.SendAsync(credential, Service, HttpMethod.Get, "v2.0/ports" + query, Json.PortList, null, ct))?.Ports ?? [];

    public Task SetPortSecurityGroupsAsync(ICredential credential, string id, List<string> groups, CancellationToken ct) =>
        PutAsync(credential, "ports/" + Uri.EscapeDataString(id), new PortGroupsEnvelope(new PortGroups(groups)), Json.PortGroupsEnvelope, ct);

    public Task DeletePortAsync(ICredential credential, string id, CancellationToken ct) =>
        DeleteAsync(credential, "ports/" + Uri.EscapeDataString(id), ct);

    // Routers (routers.inc): what makes a network's subnet reach the public network, so its ports can have floating IPs.

    public async Task<string> CreateRouterAsync(ICredential credential, NewRouter router, CancellationToken ct) =>
        (await PostAsync(credential, "routers", new NewRouterEnvelope(router), Json.NewRouterEnvelope, Json.RouterEnvelope, ct))?.Router?.Id
        ?? throw Unreadable("create a router");

    public async Task<IReadOnlyList<IdOnly>> ListRoutersAsync(ICredential credential, string query, CancellationToken ct) =>
        (await http.SendAsync(credential, Service, HttpMethod.Get, "v2.0/routers" + query, Json.RouterList, null, ct))?.Routers ?? [];

    public Task AddRouterInterfaceAsync(ICredential credential, string routerId, string subnetId, CancellationToken ct) =>
        PutAsync(credential, $"routers/{Uri.EscapeDataString(routerId)}/add_router_interface", new RouterInterface(subnetId), Json.RouterInterface, ct);

    /// <summary>"Remove interface from router"; an interface or router already gone is no failure.</summary>
    public async Task RemoveRouterInterfaceAsync(ICredential credential, string routerId, string subnetId, CancellationToken ct)
    {
        try
        {
            await PutAsync(credential, $"routers/{Uri.EscapeDataString(routerId)}/remove_router_interface", new RouterInterface(subnetId), Json.RouterInterface, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
        }
    }

    public Task DeleteRouterAsync(ICredential credential, string id, CancellationToken ct) =>
        DeleteAsync(credential, "routers/" + Uri.EscapeDataString(id), ct);

    // Floating IPs (floatingips.inc).

    public async Task<NeutronFloatingIp> CreateFloatingIpAsync(ICredential credential, NewFloatingIp floatingIp, CancellationToken ct) =>
        (await PostAsync(credential, "floatingips", new NewFloatingIpEnvelope(floatingIp), Json.NewFloatingIpEnvelope, Json.FloatingIpEnvelope, ct))?.Floatingip
        ?? throw Unreadable("create a floating IP");

    public async Task<NeutronFloatingIp?> ShowFloatingIpAsync(ICredential credential, string id, CancellationToken ct) =>
        (await GetOrNullAsync(credential, "floatingips/" + Uri.EscapeDataString(id), Json.FloatingIpEnvelope, ct))?.Floatingip;

    public async Task<IReadOnlyList<NeutronFloatingIp>> ListFloatingIpsAsync(ICredential credential, string query, CancellationToken ct) =>
        (await http.SendAsync(credential, Service, HttpMethod.Get, "v2.0/floatingips" + query, Json.FloatingIpList, null, ct))?.Floatingips ?? [];

    public Task DeleteFloatingIpAsync(ICredential credential, string id, CancellationToken ct) =>
        DeleteAsync(credential, "floatingips/" + Uri.EscapeDataString(id), ct);

    // Security groups (security-groups.inc).

    public async Task<IReadOnlyList<NeutronSecurityGroup>> ListSecurityGroupsAsync(ICredential credential, string query, CancellationToken ct) =>
        (await http.SendAsync(credential, Service, HttpMethod.Get, "v2.0/security-groups" + query, Json.SecurityGroupList, null, ct))?.SecurityGroups ?? [];

    /// <summary>
    /// A listing of id and revision_number only (networking api-ref: "fields" narrows the answer; standard-attr-revisions
    /// adds a revision_number that moves with every change): what the change follower compares with what it knows.
    /// </summary>
    public async Task<IReadOnlyList<ChangeRow>> ListChangesAsync(ICredential credential, string collection, CancellationToken ct)
    {
        var list = await http.SendAsync(credential, Service, HttpMethod.Get, $"v2.0/{collection}?fields=id&fields=revision_number", Json.ChangeList, null, ct);
        return collection switch
        {
            "networks" => list?.Networks,
            "ports" => list?.Ports,
            "floatingips" => list?.Floatingips,
            _ => null,
        } ?? [];
    }

    private async Task<TAnswer?> PostAsync<TBody, TAnswer>(ICredential credential, string path, TBody body, JsonTypeInfo<TBody> bodyInfo, JsonTypeInfo<TAnswer> answer, CancellationToken ct) =>
        await http.SendAsync(credential, Service, HttpMethod.Post, "v2.0/" + path, answer, JsonSerializer.SerializeToUtf8Bytes(body, bodyInfo), ct);

    private Task PutAsync<TBody>(ICredential credential, string path, TBody body, JsonTypeInfo<TBody> bodyInfo, CancellationToken ct) =>
        http.SendAsync(credential, Service, HttpMethod.Put, "v2.0/" + path, JsonSerializer.SerializeToUtf8Bytes(body, bodyInfo), ct);

    private async Task<T?> GetOrNullAsync<T>(ICredential credential, string path, JsonTypeInfo<T> answer, CancellationToken ct) where T : class
    {
        try
        {
            return await http.SendAsync(credential, Service, HttpMethod.Get, "v2.0/" + path, answer, null, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>A DELETE of what is already gone succeeds: the delete's goal holds.</summary>
    private async Task DeleteAsync(ICredential credential, string path, CancellationToken ct)
    {
        try
        {
            await http.SendAsync(credential, Service, HttpMethod.Delete, "v2.0/" + path, null, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
        }
    }

    private static OcciException Unreadable(string what) =>
        new(OcciErrorKind.BackendFailure, $"Neutron answered the request to {what} without the object it made");
}
