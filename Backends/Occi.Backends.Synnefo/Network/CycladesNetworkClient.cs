using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Occi.Backends.OpenStack.Http;
using Occi.Backends.OpenStack.Identity;
using Occi.Backends.Synnefo.Http;
using Occi.Core;

namespace Occi.Backends.Synnefo.Network;

/// <summary>
/// The Cyclades/Network calls the gateway makes, named as docs/network-api-guide.rst names them, through the OpenStack
/// request path (<see cref="SynnefoHttp"/>). Differs from the OpenStack backend's NeutronClient, which is not reused:
/// Astakos' catalog lists the "network" endpoint with its version (…/network/v2.0), where Neutron's is the service
/// root and NeutronClient prefixes v2.0/; the bodies differ (<see cref="CycladesNetworkJson"/>); Cyclades has no
/// routers, no security group or subnet delete, and takes no list filters (the guide names none): lists are filtered here.
/// </summary>
internal sealed class CycladesNetworkClient(SynnefoHttp http)
{
    /// <summary>Cyclades/Network as Astakos' catalog lists it (type "network", cyclades_network).</summary>
    public static readonly OpenStackService Service = new("network", "Cyclades/Network");

    private static CycladesNetworkJson Json => CycladesNetworkJson.Default;

    // Networks.

    public async Task<CycladesNetwork> CreateNetworkAsync(ICredential credential, NewCycladesNetwork network, CancellationToken ct) =>
        (await PostAsync(credential, "networks", new NewCycladesNetworkEnvelope(network), Json.NewCycladesNetworkEnvelope, Json.CycladesNetworkEnvelope, ct))?.Network
        ?? throw Unreadable("create a network");

    public async Task<CycladesNetwork?> ShowNetworkAsync(ICredential credential, string id, CancellationToken ct) =>
        (await GetOrNullAsync(credential, "networks/" + Uri.EscapeDataString(id), Json.CycladesNetworkEnvelope, ct))?.Network;

    public async Task<IReadOnlyList<CycladesNetwork>> ListNetworksAsync(ICredential credential, CancellationToken ct) =>
        (await http.Requests.SendAsync(credential, Service, HttpMethod.Get, "networks", Json.CycladesNetworkList, null, ct))?.Networks ?? [];

    /// <summary>"Delete network": its subnets go with it; 409 while ports or floating IPs use it.</summary>
    public Task DeleteNetworkAsync(ICredential credential, string id, CancellationToken ct) => DeleteAsync(credential, "networks/" + Uri.EscapeDataString(id), ct);

    // Subnets.

    public async Task<CycladesSubnet> CreateSubnetAsync(ICredential credential, NewCycladesSubnet subnet, CancellationToken ct) =>
        (await PostAsync(credential, "subnets", new NewCycladesSubnetEnvelope(subnet), Json.NewCycladesSubnetEnvelope, Json.CycladesSubnetEnvelope, ct))?.Subnet
        ?? throw Unreadable("create a subnet");

    public async Task<CycladesSubnet?> ShowSubnetAsync(ICredential credential, string id, CancellationToken ct) =>
        (await GetOrNullAsync(credential, "subnets/" + Uri.EscapeDataString(id), Json.CycladesSubnetEnvelope, ct))?.Subnet;

    // Ports.

    public async Task<CycladesPort> CreatePortAsync(ICredential credential, NewCycladesPort port, CancellationToken ct) =>
        (await PostAsync(credential, "ports", new NewCycladesPortEnvelope(port), Json.NewCycladesPortEnvelope, Json.CycladesPortEnvelope, ct))?.Port
        ?? throw Unreadable("create a port");

    public async Task<CycladesPort?> ShowPortAsync(ICredential credential, string id, CancellationToken ct) =>
        (await GetOrNullAsync(credential, "ports/" + Uri.EscapeDataString(id), Json.CycladesPortEnvelope, ct))?.Port;

    public async Task<IReadOnlyList<CycladesPort>> ListPortsAsync(ICredential credential, CancellationToken ct) =>
        (await http.Requests.SendAsync(credential, Service, HttpMethod.Get, "ports", Json.CycladesPortList, null, ct))?.Ports ?? [];

    public Task DeletePortAsync(ICredential credential, string id, CancellationToken ct) => DeleteAsync(credential, "ports/" + Uri.EscapeDataString(id), ct);

    // Floating IPs.

    public async Task<CycladesFloatingIp> CreateFloatingIpAsync(ICredential credential, NewCycladesFloatingIp floatingIp, CancellationToken ct) =>
        (await PostAsync(credential, "floatingips", new NewCycladesFloatingIpEnvelope(floatingIp), Json.NewCycladesFloatingIpEnvelope, Json.CycladesFloatingIpEnvelope, ct))?.Floatingip
        ?? throw Unreadable("reserve a floating IP");

    public async Task<CycladesFloatingIp?> ShowFloatingIpAsync(ICredential credential, string id, CancellationToken ct) =>
        (await GetOrNullAsync(credential, "floatingips/" + Uri.EscapeDataString(id), Json.CycladesFloatingIpEnvelope, ct))?.Floatingip;

    public async Task<IReadOnlyList<CycladesFloatingIp>> ListFloatingIpsAsync(ICredential credential, CancellationToken ct) =>
        (await http.Requests.SendAsync(credential, Service, HttpMethod.Get, "floatingips", Json.CycladesFloatingIpList, null, ct))?.Floatingips ?? [];

    public Task DeleteFloatingIpAsync(ICredential credential, string id, CancellationToken ct) => DeleteAsync(credential, "floatingips/" + Uri.EscapeDataString(id), ct);

    private async Task<TAnswer?> PostAsync<TBody, TAnswer>(ICredential credential, string path, TBody body, JsonTypeInfo<TBody> bodyInfo, JsonTypeInfo<TAnswer> answer, CancellationToken ct) =>
        await http.Requests.SendAsync(credential, Service, HttpMethod.Post, path, answer, JsonSerializer.SerializeToUtf8Bytes(body, bodyInfo), ct);

    private async Task<T?> GetOrNullAsync<T>(ICredential credential, string path, JsonTypeInfo<T> answer, CancellationToken ct) where T : class
    {
        try
        {
            return await http.Requests.SendAsync(credential, Service, HttpMethod.Get, path, answer, null, ct);
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
            await http.Requests.SendAsync(credential, Service, HttpMethod.Delete, path, null, ct);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.NotFound)
        {
        }
    }

    private static OcciException Unreadable(string what) =>
        new(OcciErrorKind.BackendFailure, $"Cyclades/Network answered the request to {what} without the object it made");
}
