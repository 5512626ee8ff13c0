using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// The libvirt backend on its defaults: only Occi:Backend=Libvirt and Occi:Libvirt:Uri=test:///default. The
/// storage and image pools are chosen from the host's (its only pool, "default-pool"), so the first create
/// works; a configured pool the host lacks stops the start with a message naming the pools it has.
/// </summary>
public class LibvirtDefaultsTests() : ServerTest("Libvirt")
{
    protected override (string Key, string Value)[] Settings => [("Occi:Backend", "Libvirt"), ("Occi:Libvirt:Uri", "test:///default")];

    [Test]
    public async Task A_compute_and_a_storage_are_created_with_201_and_health_names_the_chosen_pools()
    {
        var compute = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory);
        Assert.That(compute.StatusCode, Is.EqualTo(HttpStatusCode.Created), await compute.Content.ReadAsStringAsync());
        var storage = await SendAsync(HttpMethod.Post, "/storage/", OcciText.StorageCategory + "\nX-OCCI-Attribute: occi.storage.size=1");
        Assert.That(storage.StatusCode, Is.EqualTo(HttpStatusCode.Created), await storage.Content.ReadAsStringAsync());
        Assert.That(OcciText.Attribute(await GetTextAsync(compute.Headers.Location!.AbsolutePath), "occi.compute.state"), Is.EqualTo("active"), "it booted");

        var health = await Http.GetAsync("/health");
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), await health.Content.ReadAsStringAsync());

        foreach (var location in new[] { compute.Headers.Location!, storage.Headers.Location! })
            Assert.That((await SendAsync(HttpMethod.Delete, location.AbsolutePath)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void A_configured_storage_pool_the_host_lacks_stops_the_start_naming_the_pools_it_has()
    {
        var e = Assert.CatchAsync(() => RunningServer.StartAsync(null,
            ("Occi:Backend", "Libvirt"), ("Occi:Libvirt:Uri", "test:///default"), ("Occi:Libvirt:StoragePool", "no-such-pool")))!;
        Assert.That(e.ToString(), Does.Contain("libvirt storage pool 'no-such-pool' (Occi:Libvirt:StoragePool) does not exist on test:///default")
            .And.Contain("its storage pools: default-pool (active)"));
    }
}
