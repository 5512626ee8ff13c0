using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

[TestFixture("Local")]
[TestFixture("Libvirt")]
public class LinkTests(string backend) : ServerTest(backend)
{
    [Test]
    public async Task Link_header_on_create_makes_a_networkinterface_rendered_on_the_compute()
    {
        var network = await CreateAsync("/network/", OcciText.NetworkCategory);
        var compute = await CreateComputeAsync($"Link: <{network}>; rel=\"{OcciText.Infra}network\"; category=\"{OcciText.Infra}networkinterface\"");
        var body = await GetTextAsync(compute);
        var linkLine = body.Split('\n').FirstOrDefault(l => l.StartsWith("Link: <" + network + ">", StringComparison.Ordinal));
        Assert.That(linkLine, Is.Not.Null, body);
        Assert.That(linkLine, Does.Contain("self=\"/link/networkinterface/"));
        Assert.That(OcciText.Locations(await GetTextAsync("/link/networkinterface/")), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Storagelink_created_at_its_kind_location_renders_source_and_target()
    {
        var storage = await CreateAsync("/storage/", OcciText.StorageCategory + "\nX-OCCI-Attribute: occi.storage.size=5");
        var compute = await CreateComputeAsync();
        var link = await CreateAsync("/link/storagelink/",
            $"Category: storagelink; scheme=\"{OcciText.Infra}\"; class=\"kind\"\n" +
            $"X-OCCI-Attribute: occi.core.source=\"{compute}\"\nX-OCCI-Attribute: occi.core.target=\"{storage}\"\n" +
            "X-OCCI-Attribute: occi.storagelink.deviceid=\"vdb\"");
        var body = await GetTextAsync(link);
        Assert.That(OcciText.Attribute(body, "occi.core.source"), Is.EqualTo(compute));
        Assert.That(OcciText.Attribute(body, "occi.core.target"), Is.EqualTo(storage));
        Assert.That(OcciText.Attribute(body, "occi.storagelink.deviceid"), Is.EqualTo("vdb"));
        Assert.That(await GetTextAsync(compute), Does.Contain($"Link: <{storage}>"));
    }

    [Test]
    public async Task Link_to_a_missing_target_is_400_and_creates_nothing()
    {
        var r = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory + $"\nLink: </network/none>; rel=\"{OcciText.Infra}network\"; category=\"{OcciText.Infra}networkinterface\"");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await r.Content.ReadAsStringAsync());
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/")), Is.Empty);
    }

    [Test]
    public async Task Deleting_a_resource_deletes_its_links()
    {
        var network = await CreateAsync("/network/", OcciText.NetworkCategory);
        var compute = await CreateComputeAsync($"Link: <{network}>; rel=\"{OcciText.Infra}network\"; category=\"{OcciText.Infra}networkinterface\"");
        await SendAsync(HttpMethod.Delete, compute);
        Assert.That(OcciText.Locations(await GetTextAsync("/link/networkinterface/")), Is.Empty);
        await GetTextAsync(network);
    }

    [Test]
    public async Task Link_with_unknown_source_is_400()
    {
        var storage = await CreateAsync("/storage/", OcciText.StorageCategory + "\nX-OCCI-Attribute: occi.storage.size=5");
        var r = await SendAsync(HttpMethod.Post, "/link/storagelink/",
            $"Category: storagelink; scheme=\"{OcciText.Infra}\"; class=\"kind\"\nX-OCCI-Attribute: occi.core.source=\"/compute/ghost\"\nX-OCCI-Attribute: occi.core.target=\"{storage}\"");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("/compute/ghost"));
    }

    [Test]
    public async Task Json_links_on_create_make_a_networkinterface_rendered_with_source_and_target_kinds()
    {
        var network = await CreateAsync("/network/", OcciText.NetworkCategory);
        var json = $$$"""
            {"kind":"{{{OcciText.Infra}}}compute","attributes":{"occi.core.title":"linked"},
             "links":[{"kind":"{{{OcciText.Infra}}}networkinterface","attributes":{},
                       "target":{"location":"{{{network}}}","kind":"{{{OcciText.Infra}}}network"}}]}
            """;
        var r = await SendAsync(HttpMethod.Post, "/compute/", json, contentType: "application/occi+json", accept: "application/occi+json");
        var body = await r.Content.ReadAsStringAsync();
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        var compute = r.Headers.Location!.AbsolutePath;
        var rendered = await GetTextAsync(compute, accept: "application/occi+json");
        using var doc = System.Text.Json.JsonDocument.Parse(rendered);
        var link = doc.RootElement.GetProperty("links")[0];
        Assert.That(link.GetProperty("kind").GetString(), Is.EqualTo(OcciText.Infra + "networkinterface"));
        Assert.That(link.GetProperty("target").GetProperty("location").GetString(), Does.EndWith(network));
        Assert.That(link.GetProperty("target").GetProperty("kind").GetString(), Is.EqualTo(OcciText.Infra + "network"));
        Assert.That(link.GetProperty("source").GetProperty("location").GetString(), Does.EndWith(compute));
    }
}
