using System.Net;
using System.Text.Json;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

[TestFixture("Local")]
[TestFixture("Libvirt")]
public class CollectionTests(string backend) : ServerTest(backend)
{
    [Test]
    public async Task Get_kind_collection_as_uri_list_lists_absolute_locations()
    {
        var a = await CreateComputeAsync();
        var b = await CreateComputeAsync();
        var response = await SendAsync(HttpMethod.Get, "/compute/", accept: "text/uri-list");
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/uri-list"));
        var lines = (await response.Content.ReadAsStringAsync()).Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Is.EquivalentTo(new[] { Server.Root + a, Server.Root + b }));
    }

    [Test]
    public async Task Get_kind_collection_in_text_plain_renders_X_OCCI_Location_lines()
    {
        var a = await CreateComputeAsync();
        var body = await GetTextAsync("/compute/");
        Assert.That(body, Does.Contain($"X-OCCI-Location: {Server.Root}{a}"));
    }

    [Test]
    public async Task Get_kind_collection_in_text_occi_renders_X_OCCI_Location_header()
    {
        var a = await CreateComputeAsync();
        var response = await SendAsync(HttpMethod.Get, "/compute/", accept: "text/occi");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(string.Join(",", response.Headers.GetValues("X-OCCI-Location")), Does.Contain(Server.Root + a));
    }

    [Test]
    public async Task Get_kind_collection_in_json_renders_whole_resources()
    {
        await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"json-listed\"");
        var body = await GetTextAsync("/compute/", accept: "application/occi+json");
        using var doc = JsonDocument.Parse(body);
        var resources = doc.RootElement.GetProperty("resources");
        Assert.That(resources.GetArrayLength(), Is.EqualTo(1));
        Assert.That(resources[0].GetProperty("kind").GetString(), Is.EqualTo(OcciText.Infra + "compute"));
        Assert.That(body, Does.Contain("json-listed"));
    }

    [Test]
    public async Task Collection_is_filtered_by_exact_attribute_value()
    {
        var web = await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"web\"");
        await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"db\"");
        var response = await SendAsync(HttpMethod.Get, "/compute/", headers: ("X-OCCI-Attribute", "occi.core.title=\"web\""));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(OcciText.Locations(body), Is.EqualTo(new[] { Server.Root + web }));
    }

    [Test]
    public async Task Collection_is_paginated_with_page_and_number()
    {
        var all = new List<string>();
        for (var i = 0; i < 5; i++) all.Add(Server.Root + await CreateComputeAsync());
        var page1 = OcciText.Locations(await GetTextAsync("/compute/?page=1&number=2"));
        var page3 = OcciText.Locations(await GetTextAsync("/compute/?page=3&number=2"));
        Assert.That(page1, Has.Count.EqualTo(2));
        Assert.That(page3, Has.Count.EqualTo(1));
        Assert.That(page1.Concat(OcciText.Locations(await GetTextAsync("/compute/?page=2&number=2"))).Concat(page3), Is.EquivalentTo(all));
    }

    [Test]
    public async Task Invalid_page_number_is_a_bad_request()
    {
        var body = await GetTextAsync("/compute/?page=0&number=2", HttpStatusCode.BadRequest);
        Assert.That(body, Does.Contain("page"));
    }

    [Test]
    public async Task Post_action_on_a_collection_triggers_it_on_every_member()
    {
        var a = await CreateInactiveComputeAsync();
        var b = await CreateInactiveComputeAsync();
        var r = await SendAsync(HttpMethod.Post, "/compute/?action=start", OcciText.Action("compute", "start"));
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
        Assert.That(OcciText.Attribute(await GetTextAsync(a), "occi.compute.state"), Is.EqualTo("active"));
        Assert.That(OcciText.Attribute(await GetTextAsync(b), "occi.compute.state"), Is.EqualTo("active"));
    }

    [Test]
    public async Task Delete_on_a_kind_collection_removes_every_member()
    {
        await CreateComputeAsync();
        await CreateComputeAsync();
        var r = await SendAsync(HttpMethod.Delete, "/compute/");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/")), Is.Empty);
    }

    [Test]
    public async Task Post_kind_on_root_creates_at_the_kind_location()
    {
        var r = await SendAsync(HttpMethod.Post, "/", OcciText.StorageCategory + "\nX-OCCI-Attribute: occi.storage.size=10");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.Created), await r.Content.ReadAsStringAsync());
        Assert.That(r.Headers.Location!.AbsolutePath, Does.StartWith("/storage/"));
    }

    [Test]
    public async Task Post_of_another_kind_into_a_kind_collection_is_a_bad_request()
    {
        var r = await SendAsync(HttpMethod.Post, "/compute/", OcciText.StorageCategory + "\nX-OCCI-Attribute: occi.storage.size=10");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
