using System.Text.Json.Nodes;
using Occi.Server.Tests.Support;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>
/// An external network of the tests' own (the loopback cloud has none): made by admin with a subnet to take floating
/// IPs from, named uniquely so the gateway is pointed at it by Occi:OpenStack:PublicNetwork (other tests of the
/// shared cloud may make theirs), removed after.
/// </summary>
internal sealed class PublicNetworkFixture : IAsyncDisposable
{
    private readonly OpenStackDirect _admin;

    private PublicNetworkFixture(OpenStackDirect admin, string id, string name)
    {
        _admin = admin;
        Id = id;
        Name = name;
    }

    public string Id { get; }
    public string Name { get; }

    public static async Task<PublicNetworkFixture> CreateAsync(string cidr)
    {
        var admin = await OpenStackDirect.AsAsync("admin");
        var name = "osvolnet-public-" + Guid.NewGuid().ToString("N")[..8];
        var network = await admin.SendAsync(HttpMethod.Post, OpenStackDirect.Neutron("networks"),
            new JsonObject { ["network"] = new JsonObject { ["name"] = name, ["router:external"] = true } });
        var id = network["network"]!["id"]!.GetValue<string>();
        await admin.SendAsync(HttpMethod.Post, OpenStackDirect.Neutron("subnets"),
            new JsonObject { ["subnet"] = new JsonObject { ["network_id"] = id, ["ip_version"] = 4, ["cidr"] = cidr, ["name"] = name } });
        return new PublicNetworkFixture(admin, id, name);
    }

    public async ValueTask DisposeAsync()
    {
        await _admin.SendAsync(HttpMethod.Delete, OpenStackDirect.Neutron("networks/" + Id));
        _admin.Dispose();
    }
}
