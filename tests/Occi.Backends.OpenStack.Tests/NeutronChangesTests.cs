using Microsoft.Extensions.DependencyInjection;
using Occi.Server.Tests.Support;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>
/// The follower's sweep of Neutron against the real one, seen through a counting proxy in front of it: only the
/// collections of which the gateway knows something are listed, and a known object the listing no longer has is
/// forgotten, so the next read asks Neutron.
/// </summary>
public sealed class NeutronChangesTests
{
    [Test, Category(OpenStackDirect.Category)]
    public async Task A_sweep_lists_only_the_collections_the_gateway_knows_something_of()
    {
        await using var neutron = new LoopbackProxy("http://127.0.0.1:9696/");
        var settings = OpenStackCloud.Configuration(extra: ("Occi:OpenStack:EndpointOverrides:network", neutron.Url));
        await using var services = OpenStackCloud.Services(settings);
        var (sweep, known) = (services.GetServices<Changes.IChangeSource>().Single(s => s.Name == "Neutron"), services.GetRequiredService<Network.KnownNeutron>());
        var account = services.GetRequiredService<Identity.OpenStackIdentity>().Service!;

        await sweep.SweepAsync(account, CancellationToken.None);
        Assert.That(neutron.Requests, Is.Zero, "nothing known: Neutron is not asked");

        known.Networks.Put("no-such-network", new Network.NeutronNetwork("no-such-network", "n", "ACTIVE", true, [], false, null, 1));
        await sweep.SweepAsync(account, CancellationToken.None);
        Assert.That(neutron.Requests, Is.EqualTo(1), "one listing, of networks; ports and floating IPs unknown, unasked");
        Assert.That(known.Networks.TryGetFresh("no-such-network", out _), Is.False, "a network Neutron does not list is forgotten");
    }
}
