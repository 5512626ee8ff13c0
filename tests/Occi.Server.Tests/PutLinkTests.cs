using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>Issue 10 item 7: PUT carries inline links like POST; on a replace, given links are added and existing ones kept.</summary>
public class PutLinkTests : ServerTest
{
    private static string LinkTo(string network) =>
        $"Link: <{network}>; rel=\"{OcciText.Infra}network\"; category=\"{OcciText.Infra}networkinterface\"";

    private async Task<IReadOnlyList<string>> LinksAsync() => OcciText.Locations(await GetTextAsync("/link/networkinterface/"));

    [Test]
    public async Task Put_creating_a_compute_with_a_Link_creates_the_link()
    {
        var network = await CreateAsync("/network/", OcciText.NetworkCategory);
        var r = await SendAsync(HttpMethod.Put, "/compute/put-linked", OcciText.ComputeCategory + "\n" + LinkTo(network));
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.Created), await r.Content.ReadAsStringAsync());
        Assert.That(await GetTextAsync("/compute/put-linked"), Does.Contain($"Link: <{network}>"));
        Assert.That(await LinksAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Put_creating_a_compute_with_json_links_creates_them()
    {
        var network = await CreateAsync("/network/", OcciText.NetworkCategory);
        var json = $$$"""
            {"kind":"{{{OcciText.Infra}}}compute","attributes":{"occi.core.title":"linked"},
             "links":[{"kind":"{{{OcciText.Infra}}}networkinterface","attributes":{},
                       "target":{"location":"{{{network}}}","kind":"{{{OcciText.Infra}}}network"}}]}
            """;
        var r = await SendAsync(HttpMethod.Put, "/compute/put-json", json, contentType: "application/occi+json", accept: "application/occi+json");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.Created), await r.Content.ReadAsStringAsync());
        Assert.That(await GetTextAsync("/compute/put-json", accept: "application/occi+json"), Does.Contain(network + "\""));
    }

    [Test]
    public async Task Put_replacing_a_compute_adds_the_new_link_and_keeps_the_existing_one()
    {
        var first = await CreateAsync("/network/", OcciText.NetworkCategory);
        var second = await CreateAsync("/network/", OcciText.NetworkCategory);
        var compute = await CreateComputeAsync(LinkTo(first));
        var r = await SendAsync(HttpMethod.Put, compute, OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.core.title=\"replaced\"\n" + LinkTo(second));
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
        var body = await GetTextAsync(compute);
        Assert.That(body, Does.Contain($"Link: <{first}>").And.Contain($"Link: <{second}>").And.Contain("replaced"));
        Assert.That(await LinksAsync(), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Put_repeating_an_existing_link_does_not_duplicate_it()
    {
        var network = await CreateAsync("/network/", OcciText.NetworkCategory);
        var compute = await CreateComputeAsync(LinkTo(network));
        var rendered = await GetTextAsync(compute);
        var r = await SendAsync(HttpMethod.Put, compute, rendered);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
        Assert.That(await LinksAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Json_put_with_a_link_to_nothing_is_400_without_speaking_of_headers_and_changes_nothing()
    {
        var compute = await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"kept\"");
        var json = $$$"""
            {"kind":"{{{OcciText.Infra}}}compute","attributes":{"occi.core.title":"changed"},
             "links":[{"kind":"{{{OcciText.Infra}}}networkinterface","attributes":{},
                       "target":{"location":"/network/none","kind":"{{{OcciText.Infra}}}network"}}]}
            """;
        var r = await SendAsync(HttpMethod.Put, compute, json, contentType: "application/occi+json", accept: "application/occi+json");
        var body = await r.Content.ReadAsStringAsync();
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(body, Does.Not.Contain("header").IgnoreCase);
        Assert.That(await GetTextAsync(compute), Does.Contain("kept"));
        Assert.That(await LinksAsync(), Is.Empty);
    }
}
