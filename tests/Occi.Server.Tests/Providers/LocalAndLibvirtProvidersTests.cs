using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests.Providers;

/// <summary>
/// Issue 19 over HTTP with three providers at once: the two simulators and libvirt's test:///default driver
/// (<c>lab</c>, claiming compute). libvirt's test driver is shared by the whole test process: each test deletes what
/// it creates.
/// </summary>
public class LocalAndLibvirtProvidersTests : ProviderFixture
{
    protected override (string Key, string Value)[] Settings =>
    [
        .. EastAndWest,
        ("Occi:Providers:lab:Backend", "Libvirt"), ("Occi:Providers:lab:Libvirt:Uri", "test:///default"),
        ("Occi:Providers:lab:Libvirt:StoragePool", "default-pool"), ("Occi:Providers:lab:Kinds:0", "compute"),
    ];

    [SetUp]
    public void NeedsLibvirt()
    {
        if (!File.Exists("/usr/lib/x86_64-linux-gnu/libvirt.so.0") && !File.Exists("/usr/lib64/libvirt.so.0"))
            Assert.Ignore("libvirt.so.0 is not installed (apt-get install libvirt0): the libvirt provider cannot run");
    }

    [Test]
    public async Task Discovery_shows_the_three_regions()
    {
        var body = await GetTextAsync("/-/");
        foreach (var provider in new[] { "east", "west", "lab" })
            Assert.That(body, Does.Contain($"Category: {provider}; scheme=\"{RegionScheme}\""));
    }

    [Test]
    public async Task A_compute_goes_to_libvirt_by_its_kind_and_to_a_simulator_by_its_region()
    {
        var before = await HeldByAsync("lab", "compute");
        var atLab = await CreatedAsync("/compute/", OcciText.ComputeCategory);
        var atEast = await CreatedAsync("/compute/", OcciText.ComputeCategory + "\n" + Region("east"));
        try
        {
            Assert.That((await HeldByAsync("lab", "compute")).Except(before).ToList(), Has.Count.EqualTo(1), "the libvirt domain exists");
            Assert.That(await HeldByAsync("east", "compute"), Has.Count.EqualTo(1));
            Assert.That(await HeldByAsync("west", "compute"), Is.Empty);
            Assert.That(OcciText.Attribute(await GetTextAsync(atLab), "occi.compute.state"), Is.EqualTo("active"), "libvirt booted it");
            Assert.That(await GetTextAsync(atLab), Does.Contain(RegionCategory("lab")));
        }
        finally
        {
            Assert.That((await SendAsync(HttpMethod.Delete, atLab)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await SendAsync(HttpMethod.Delete, atEast)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        Assert.That(await HeldByAsync("lab", "compute"), Is.EquivalentTo(before), "the delete went to libvirt");
    }
}
