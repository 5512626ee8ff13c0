using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Occi.Backends.Synnefo.Tests.Simulator.CycladesRequests;

namespace Occi.Backends.Synnefo.Tests.Simulator;

/// <summary>
/// The Cyclades/Network service in the simulator, strictly as docs/network-api-guide.rst ("Cyclades/Network API
/// Guide") publishes it: networks, subnets, ports and floating IPs under the "network" endpoint (…/network/v2.0), with
/// the guide's bodies, status codes and differences from Neutron (a network's required type, no admin_state_up, a
/// port made with a device_id connects a server, a floating IP is used by a port on its network whose fixed_ips name
/// it, no subnet delete). Every call needs X-Auth-Token (401 without a valid one); a user sees the public network and
/// what they own. Where the guide names no code for a case the simulator must decide, the handler says so.
/// </summary>
internal sealed class CycladesNetwork(SimulatedCloud cloud)
{
    private readonly SimulatedNetworking _state = cloud.Networking;
    private readonly SimulatedQuotas _quotas = cloud.Quotas;

    private static readonly HashSet<string> NetworkTypes = new(StringComparer.Ordinal) { "MAC_FILTERED", "IP_LESS_ROUTED", "PHYSICAL_VLAN" };

    /// <summary>Maps the handlers on the group of the catalog's network endpoint (…/network/v2.0).</summary>
    public static void Map(RouteGroupBuilder network, SimulatedCloud cloud) => new CycladesNetwork(cloud).MapAll(network);

    private void MapAll(RouteGroupBuilder routes)
    {
        // network-api-guide: every call's X-Auth-Token row and its 401; Cyclades/Network is Cyclades, unavailable (503) when it is.
        RequireUser(routes, cloud, cloud.NetworkService);
        routes.MapGet("/networks", ListNetworks);
        routes.MapGet("/networks/{id}", ShowNetwork);
        routes.MapPost("/networks", CreateNetworkAsync);
        routes.MapPut("/networks/{id}", UpdateNetworkAsync);
        routes.MapDelete("/networks/{id}", DeleteNetwork);
        routes.MapGet("/subnets", ListSubnets);
        routes.MapGet("/subnets/{id}", ShowSubnet);
        routes.MapPost("/subnets", CreateSubnetAsync);
        routes.MapDelete("/subnets/{id}", DeleteSubnet);
        routes.MapGet("/ports", ListPorts);
        routes.MapGet("/ports/{id}", ShowPort);
        routes.MapPost("/ports", CreatePortAsync);
        routes.MapDelete("/ports/{id}", DeletePort);
        routes.MapGet("/floatingips", ListFloatingIps);
        routes.MapGet("/floatingips/{id}", ShowFloatingIp);
        routes.MapPost("/floatingips", CreateFloatingIpAsync);
        routes.MapDelete("/floatingips/{id}", DeleteFloatingIp);
    }

    // "List networks": 200 {"networks": [...]}, the public networks and the user's own.
    private IResult ListNetworks(HttpRequest request)
    {
        var user = UserOf(cloud, request)!;
        lock (_state.Gate)
            return Results.Json(new JsonObject { ["networks"] = new JsonArray([.. _state.Networks.Values.Where(n => Sees(user, n.Owner)).Select(Render)]) });
    }

    // "Get network details": 200 {"network": {...}}, 404 Network not found.
    private IResult ShowNetwork(HttpRequest request, string id)
    {
        var user = UserOf(cloud, request)!;
        lock (_state.Gate)
            return _state.Networks.TryGetValue(id, out var n) && Sees(user, n.Owner) ? Results.Json(new JsonObject { ["network"] = Render(n) }) : Faults.NotFound("Network not found");
    }

    // "Create network": type required (400 invalid or missing type), name optional; admin_state_up, shared and
    // tenant_id accepted and ignored; 201 with the network. Over the cyclades.network.private quota: 413 overLimit.
    private async Task<IResult> CreateNetworkAsync(HttpRequest request)
    {
        var user = UserOf(cloud, request)!;
        if (await BodyAsync(request, "network") is not { } body) return Faults.BadRequest("Invalid request body");
        if (String(body, "type") is not { } type || !NetworkTypes.Contains(type)) return Faults.BadRequest("Invalid or missing network type");
        if (_quotas.Exceeds(user, "cyclades.network.private", 1) is { } over) return Faults.OverLimit(over);
        lock (_state.Gate)
        {
            var network = new SimNetwork(_state.NextId(), String(body, "name") ?? "", user, type);
            _state.Networks[network.Id] = network;
            return Results.Json(new JsonObject { ["network"] = Render(network) }, statusCode: 201);
        }
    }

    // "Update network": only name is changed; 403 when the user does not own it (a public network), 404 not found.
    private async Task<IResult> UpdateNetworkAsync(HttpRequest request, string id)
    {
        var user = UserOf(cloud, request)!;
        var body = await BodyAsync(request, "network");
        lock (_state.Gate)
        {
            if (!_state.Networks.TryGetValue(id, out var n) || !Sees(user, n.Owner)) return Faults.NotFound("Network not found");
            if (n.Owner != user) return Faults.Forbidden("You are not the owner of the network");
            if (body is not null && String(body, "name") is { } name) _state.Networks[id] = n = n with { Name = name };
            return Results.Json(new JsonObject { ["network"] = Render(n) });
        }
    }

    // "Delete network": 204; 409 while ports are connected or floating IPs reserved from its pool; its subnets go with it.
    // A network the user does not own is not found for deleting (the guide names no 403 here).
    private IResult DeleteNetwork(HttpRequest request, string id)
    {
        var user = UserOf(cloud, request)!;
        lock (_state.Gate)
        {
            if (!_state.Networks.TryGetValue(id, out var n) || n.Owner != user) return Faults.NotFound("Network not found");
            if (_state.Ports.Values.Any(p => p.NetworkId == id) || _state.FloatingIps.Values.Any(f => f.NetworkId == id))
                return Faults.Conflict("The network is being used");
            foreach (var subnet in n.Subnets) _state.Subnets.Remove(subnet);
            _state.Networks.Remove(id);
            return Results.StatusCode(204);
        }
    }

    // "List subnets" and "Get subnet details" (the guide's table gives 201 for the latter; the example is a plain read: 200).
    private IResult ListSubnets(HttpRequest request)
    {
        var user = UserOf(cloud, request)!;
        lock (_state.Gate)
            return Results.Json(new JsonObject { ["subnets"] = new JsonArray([.. _state.Subnets.Values.Where(s => Sees(user, s.Owner)).Select(Render)]) });
    }

    private IResult ShowSubnet(HttpRequest request, string id)
    {
        var user = UserOf(cloud, request)!;
        lock (_state.Gate)
            return _state.Subnets.TryGetValue(id, out var s) && Sees(user, s.Owner) ? Results.Json(new JsonObject { ["subnet"] = Render(s) }) : Faults.NotFound("Subnet not found");
    }

    // "Create subnet": network_id and cidr required (400), network not found 404, someone else's network 403,
    // ip_version must be 6 for an IPv6 cidr; gateway_ip, enable_dhcp, name honoured; 201 with the subnet.
    private async Task<IResult> CreateSubnetAsync(HttpRequest request)
    {
        var user = UserOf(cloud, request)!;
        if (await BodyAsync(request, "subnet") is not { } body) return Faults.BadRequest("Invalid request body");
        if (String(body, "network_id") is not { } networkId || String(body, "cidr") is not { } cidr) return Faults.BadRequest("Invalid request body (missing network_id or cidr)");
        var slash = cidr.IndexOf('/');
        if (slash <= 0 || !IPAddress.TryParse(cidr[..slash], out var ip) || !int.TryParse(cidr[(slash + 1)..], out _)) return Faults.BadRequest("Malformed CIDR");
        var version = body["ip_version"] is JsonValue v && v.TryGetValue<int>(out var given) ? given : 4;
        if ((ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6) != (version == 6)) return Faults.BadRequest("ip_version does not match the CIDR");
        var dhcp = body["enable_dhcp"] is not JsonValue d || !d.TryGetValue<bool>(out var on) || on;
        lock (_state.Gate)
        {
            if (!_state.Networks.TryGetValue(networkId, out var network) || !Sees(user, network.Owner)) return Faults.NotFound("Network not found");
            if (network.Owner != user) return Faults.Forbidden("Insufficient permissions");
            var subnet = new SimSubnet(_state.NextId(), networkId, user, cidr, String(body, "gateway_ip"), dhcp, version, String(body, "name") ?? "");
            _state.Subnets[subnet.Id] = subnet;
            network.Subnets.Add(subnet.Id);
            return Results.Json(new JsonObject { ["subnet"] = Render(subnet) }, statusCode: 201);
        }
    }

    // Subnet delete is marked ✘ for Cyclades/Network; the Cyclades guides answer a call it does not serve with a BadRequest fault.
    private IResult DeleteSubnet(HttpRequest request, string id) =>
        Faults.BadRequest($"Subnet {id} cannot be deleted: subnets are deleted with their network");

    // "List ports" and "Get port details": the user's ports. A port is BUILD when made and ACTIVE once read again (the
    // service connects it in the background).
    private IResult ListPorts(HttpRequest request)
    {
        var user = UserOf(cloud, request)!;
        var device = request.Query["device_id"].ToString();
        lock (_state.Gate)
            return Results.Json(new JsonObject
            {
                ["ports"] = new JsonArray([.. _state.Ports.Values.Where(p => p.Owner == user && (device.Length == 0 || p.DeviceId == device)).Select(Settled).Select(Render)]),
            });
    }

    private IResult ShowPort(HttpRequest request, string id)
    {
        var user = UserOf(cloud, request)!;
        lock (_state.Gate)
            return _state.Ports.TryGetValue(id, out var p) && p.Owner == user ? Results.Json(new JsonObject { ["port"] = Render(Settled(p)) }) : Faults.NotFound("Port not found");
    }

    // "Create port": network_id required (400), the network must exist (404); device_id connects that server (one the
    // user does not have: 404, as for the network); fixed_ips may only name a floating IP the user reserved from the
    // network's pool, and a port on a floating IP pool network needs one (400 otherwise); mac_address and
    // admin_state_up are ignored; 201 with the port.
    private async Task<IResult> CreatePortAsync(HttpRequest request)
    {
        var user = UserOf(cloud, request)!;
        if (await BodyAsync(request, "port") is not { } body) return Faults.BadRequest("Invalid request body");
        if (String(body, "network_id") is not { } networkId) return Faults.BadRequest("Invalid request body (missing network_id)");
        var device = String(body, "device_id");
        if (device is null || !cloud.OwnsServer(user, device)) return Faults.NotFound("Server not found");
        var asked = (body["fixed_ips"] as JsonArray)?.OfType<JsonObject>().Select(f => String(f, "ip_address")).ToList() ?? [];
        lock (_state.Gate)
        {
            if (!_state.Networks.TryGetValue(networkId, out var network) || !Sees(user, network.Owner)) return Faults.NotFound("Network not found");
            var fixedIps = new List<SimFixedIp>();
            SimFloatingIp? floating = null;
            if (network.FloatingIpPool)
            {
                if (asked is not [{ } address])
                    return Faults.BadRequest("A port on a public network needs the address of a floating IP reserved from it");
                floating = _state.FloatingIps.Values.FirstOrDefault(f => f.Owner == user && f.NetworkId == networkId && f.Address == address);
                if (floating is null || floating.PortId is not null) return Faults.BadRequest($"{address} is no free floating IP of yours on network {networkId}");
                fixedIps.Add(new SimFixedIp(network.Subnets[0], address));
            }
            else if (asked.Count > 0)
            {
                return Faults.BadRequest("fixed_ips may only name floating IPs");
            }
            else if (network.Subnets is [var subnetId, ..] && _state.Subnets.TryGetValue(subnetId, out var subnet))
            {
                if (_state.NextAddress(subnet) is not { } address) return Faults.Conflict("No free address on the network");
                fixedIps.Add(new SimFixedIp(subnetId, address));
            }
            var port = new SimPort(_state.NextId(), networkId, user, device, String(body, "name") ?? "", _state.NextMac(), fixedIps) { Status = "BUILD" };
            _state.Ports[port.Id] = port;
            if (floating is not null)
            {
                floating.PortId = port.Id;
                floating.InstanceId = device;
            }
            return Results.Json(new JsonObject { ["port"] = Render(port) }, statusCode: 201);
        }
    }

    // "Delete port": 204, 404 Port not found; a floating IP it used is free again (still reserved by the user).
    private IResult DeletePort(HttpRequest request, string id)
    {
        var user = UserOf(cloud, request)!;
        lock (_state.Gate)
        {
            if (!_state.Ports.TryGetValue(id, out var port) || port.Owner != user) return Faults.NotFound("Port not found");
            _state.Ports.Remove(id);
            foreach (var floating in _state.FloatingIps.Values.Where(f => f.PortId == id))
            {
                floating.PortId = null;
                floating.InstanceId = null;
            }
            return Results.StatusCode(204);
        }
    }

    // "List floating ips" (those the user reserved) and "Get floating ip details" (the table says 201; a read answers 200).
    private IResult ListFloatingIps(HttpRequest request)
    {
        var user = UserOf(cloud, request)!;
        lock (_state.Gate)
            return Results.Json(new JsonObject { ["floatingips"] = new JsonArray([.. _state.FloatingIps.Values.Where(f => f.Owner == user).Select(Render)]) });
    }

    private IResult ShowFloatingIp(HttpRequest request, string id)
    {
        var user = UserOf(cloud, request)!;
        lock (_state.Gate)
            return _state.FloatingIps.TryGetValue(id, out var f) && f.Owner == user ? Results.Json(new JsonObject { ["floatingip"] = Render(f) }) : Faults.NotFound("Floating IP not found");
    }

    // "Create floating ip": floating_network_id optional (without it the service picks a public network with free
    // addresses); port_id and fixed_ip_address are not accepted; 409 Insufficient resources when no address is left;
    // over the cyclades.floating_ip quota 413 overLimit; 201 with the floating IP.
    private async Task<IResult> CreateFloatingIpAsync(HttpRequest request)
    {
        var user = UserOf(cloud, request)!;
        if (await BodyAsync(request, "floatingip") is not { } body) return Faults.BadRequest("Invalid request body");
        if (body.ContainsKey("port_id") || body.ContainsKey("fixed_ip_address")) return Faults.BadRequest("port_id and fixed_ip_address are not supported");
        if (_quotas.Exceeds(user, "cyclades.floating_ip", 1) is { } over) return Faults.OverLimit(over);
        lock (_state.Gate)
        {
            var networkId = String(body, "floating_network_id") ?? _state.Networks.Values.FirstOrDefault(n => n.FloatingIpPool)?.Id;
            if (networkId is null || !_state.Networks.TryGetValue(networkId, out var network) || !network.FloatingIpPool)
                return Faults.BadRequest("Invalid request body (floating_network_id is no floating IP pool)");
            if (!_state.Subnets.TryGetValue(network.Subnets[0], out var subnet) || _state.NextAddress(subnet) is not { } address)
                return Faults.Conflict("Insufficient resources");
            var floating = new SimFloatingIp(_state.NextId(), networkId, user, address);
            _state.FloatingIps[floating.Id] = floating;
            return Results.Json(new JsonObject { ["floatingip"] = Render(floating) }, statusCode: 201);
        }
    }

    // "Delete floating ip": 204, 404. The guide names no answer for an address a port still uses; the simulator refuses
    // it with 409, as the network delete refuses a network in use: the address is released once its port is gone.
    private IResult DeleteFloatingIp(HttpRequest request, string id)
    {
        var user = UserOf(cloud, request)!;
        lock (_state.Gate)
        {
            if (!_state.FloatingIps.TryGetValue(id, out var floating) || floating.Owner != user) return Faults.NotFound("Floating IP not found");
            if (floating.PortId is not null) return Faults.Conflict("The floating IP is in use");
            _state.FloatingIps.Remove(id);
            return Results.StatusCode(204);
        }
    }

    private static bool Sees(string user, string? owner) => owner is null || owner == user;

    private static SimPort Settled(SimPort port)
    {
        if (port.Status == "BUILD") port.Status = "ACTIVE";
        return port;
    }

    // "Network attributes": shared mirrors public, tenant_id mirrors user_id (null for a public network).
    private static JsonObject Render(SimNetwork n) => new()
    {
        ["id"] = n.Id,
        ["name"] = n.Name,
        ["status"] = n.Status,
        ["router:external"] = n.FloatingIpPool,
        ["updated"] = n.Created,
        ["created"] = n.Created,
        ["user_id"] = n.Owner,
        ["tenant_id"] = n.Owner,
        ["admin_state_up"] = true,
        ["type"] = n.Type,
        ["subnets"] = new JsonArray([.. n.Subnets.Select(s => (JsonNode)s)]),
        ["SNF:floating_ip_pool"] = n.FloatingIpPool,
        ["public"] = n.Public,
        ["shared"] = n.Public,
        ["links"] = new JsonArray(),
    };

    private static JsonObject Render(SimSubnet s) => new()
    {
        ["id"] = s.Id,
        ["name"] = s.Name,
        ["network_id"] = s.NetworkId,
        ["user_id"] = s.Owner,
        ["tenant_id"] = s.Owner,
        ["ip_version"] = s.IpVersion,
        ["cidr"] = s.Cidr,
        ["gateway_ip"] = s.GatewayIp,
        ["enable_dhcp"] = s.EnableDhcp,
        ["enable_slaac"] = false,
        ["public"] = s.Owner is null,
        ["allocation_pools"] = new JsonArray(),
        ["dns_nameservers"] = new JsonArray(),
        ["host_routes"] = new JsonArray(),
        ["links"] = new JsonArray(),
    };

    // "Port attributes": each fixed IP names its "subnet" (Neutron says subnet_id), device_owner "vm".
    private static JsonObject Render(SimPort p) => new()
    {
        ["id"] = p.Id,
        ["name"] = p.Name,
        ["status"] = p.Status,
        ["admin_state_up"] = true,
        ["network_id"] = p.NetworkId,
        ["user_id"] = p.Owner,
        ["tenant_id"] = p.Owner,
        ["device_owner"] = "vm",
        ["device_id"] = p.DeviceId,
        ["mac_address"] = p.Mac,
        ["fixed_ips"] = new JsonArray([.. p.FixedIps.Select(f => (JsonNode)new JsonObject { ["subnet"] = f.SubnetId, ["ip_address"] = f.Address })]),
        ["security_groups"] = new JsonArray(),
        ["created"] = "2026-12-05T10:00:00.000000+00:00",
        ["updated"] = "2026-12-05T10:00:00.000000+00:00",
        ["links"] = new JsonArray(),
    };

    // "Floating ip attributes", with the ids as numbers as the guide's examples write them (instance_id 42,
    // floating_network_id 2719, port_id 19); fixed_ip_address is always null.
    private static JsonObject Render(SimFloatingIp f) => new()
    {
        ["id"] = f.Id,
        ["floating_network_id"] = IdAsNumber(f.NetworkId),
        ["floating_ip_address"] = f.Address,
        ["fixed_ip_address"] = null,
        ["port_id"] = f.PortId is { } port ? IdAsNumber(port) : null,
        ["instance_id"] = f.InstanceId is { } server ? IdAsNumber(server) : null,
        ["user_id"] = f.Owner,
        ["tenant_id"] = f.Owner,
        ["router_id"] = null,
    };
}
