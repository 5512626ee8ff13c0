using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// The whole OCCI flow over HTTP on a real libvirt: the server with Occi:Backend=Libvirt on the
/// in-process test:///default driver (Debian's libvirt0). Skipped, with the reason, where libvirt is absent.
/// </summary>
[NonParallelizable]
public class LibvirtFlowTests() : ServerTest("Libvirt")
{
    [OneTimeSetUp]
    public void RequireLibvirt()
    {
        if (!File.Exists("/usr/lib/x86_64-linux-gnu/libvirt.so.0") && !File.Exists("/usr/lib64/libvirt.so.0"))
            Assert.Ignore("libvirt.so.0 is not installed (apt-get install libvirt0): the libvirt flow cannot run");
    }

    [Test]
    public async Task Query_interface_shows_the_libvirt_backend_kinds_and_templates()
    {
        var body = await GetTextAsync("/-/");
        Assert.That(body, Does.Contain("Category: compute;"));
        Assert.That(body, Does.Contain("Category: storagelink;"));
        Assert.That(body, Does.Contain("/mixin/resource_tpl/"));
    }

    [Test]
    public async Task Compute_lifecycle_create_list_describe_actions_delete()
    {
        var compute = await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"lv\"\nX-OCCI-Attribute: occi.compute.cores=1\nX-OCCI-Attribute: occi.compute.memory=0.5");
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/", accept: "text/uri-list")), Does.Contain(Server.Root + compute));
        var described = await GetTextAsync(compute);
        Assert.That(OcciText.Attribute(described, "occi.core.title"), Is.EqualTo("lv"));
        var state = OcciText.Attribute(described, "occi.compute.state");
        Assert.That(state, Is.EqualTo("active").Or.EqualTo("inactive"));

        if (state == "inactive") await ActAsync(compute, "start", "active");
        await ActAsync(compute, "restart", "active");
        await ActAsync(compute, "suspend", "suspended");
        await ActAsync(compute, "start", "active");
        await ActAsync(compute, "stop", "inactive", "X-OCCI-Attribute: method=\"poweroff\"");

        var stopAgain = await SendAsync(HttpMethod.Post, compute + "?action=stop", OcciText.Action("compute", "stop"));
        Assert.That(stopAgain.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));

        var delete = await SendAsync(HttpMethod.Delete, compute);
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK), await delete.Content.ReadAsStringAsync());
        await GetTextAsync(compute, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Storage_attached_by_storagelink_and_network_by_networkinterface()
    {
        var storage = await CreateAsync("/storage/", OcciText.StorageCategory + "\nX-OCCI-Attribute: occi.storage.size=1");
        var network = await CreateAsync("/network/", OcciText.NetworkCategory +
            "\nCategory: ipnetwork; scheme=\"http://schemas.ogf.org/occi/infrastructure/network#\"; class=\"mixin\"" +
            "\nX-OCCI-Attribute: occi.network.address=\"192.168.150.0/24\"");
        var compute = await CreateComputeAsync($"Link: <{network}>; rel=\"{OcciText.Infra}network\"; category=\"{OcciText.Infra}networkinterface\"");
        var attach = await SendAsync(HttpMethod.Post, "/link/storagelink/",
            $"Category: storagelink; scheme=\"{OcciText.Infra}\"; class=\"kind\"\n" +
            $"X-OCCI-Attribute: occi.core.source=\"{compute}\"\nX-OCCI-Attribute: occi.core.target=\"{storage}\"\nX-OCCI-Attribute: occi.storagelink.deviceid=\"vdb\"");
        Assert.That(attach.StatusCode, Is.EqualTo(HttpStatusCode.Created), await attach.Content.ReadAsStringAsync());

        var body = await GetTextAsync(compute);
        Assert.That(body, Does.Contain($"Link: <{storage}>"));
        Assert.That(body, Does.Contain($"Link: <{network}>"));
        var link = attach.Headers.Location!.AbsolutePath;
        Assert.That(OcciText.Attribute(await GetTextAsync(link), "occi.storagelink.deviceid"), Is.EqualTo("vdb"));

        var detach = await SendAsync(HttpMethod.Delete, link);
        Assert.That(detach.StatusCode, Is.EqualTo(HttpStatusCode.OK), await detach.Content.ReadAsStringAsync());
        var delete = await SendAsync(HttpMethod.Delete, compute);
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK), await delete.Content.ReadAsStringAsync());
        Assert.That(OcciText.Locations(await GetTextAsync("/link/networkinterface/")), Is.Empty);
        Assert.That((await SendAsync(HttpMethod.Delete, storage)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await SendAsync(HttpMethod.Delete, network)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task User_mixins_and_collections_work_as_on_any_backend()
    {
        var add = await SendAsync(HttpMethod.Post, "/-/", "Category: lab; scheme=\"http://example.org/tags#\"; class=\"mixin\"; location=\"/tags/lab/\"");
        Assert.That(add.StatusCode, Is.EqualTo(HttpStatusCode.OK), await add.Content.ReadAsStringAsync());
        var compute = await CreateComputeAsync();
        var member = await SendAsync(HttpMethod.Post, "/tags/lab/", $"X-OCCI-Location: {Server.Root}{compute}");
        Assert.That(member.StatusCode, Is.EqualTo(HttpStatusCode.OK), await member.Content.ReadAsStringAsync());
        Assert.That(OcciText.Locations(await GetTextAsync("/tags/lab/")), Is.EqualTo(new[] { Server.Root + compute }));
        await SendAsync(HttpMethod.Delete, compute);
    }

    private async Task ActAsync(string compute, string action, string expectedState, string extra = "")
    {
        var r = await SendAsync(HttpMethod.Post, compute + "?action=" + action, OcciText.Action("compute", action) + "\n" + extra);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{action}: {await r.Content.ReadAsStringAsync()}");
        Assert.That(OcciText.Attribute(await GetTextAsync(compute), "occi.compute.state"), Is.EqualTo(expectedState), action);
    }
}
