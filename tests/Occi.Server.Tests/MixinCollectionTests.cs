using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

[TestFixture("Local")]
[TestFixture("Libvirt")]
public class MixinCollectionTests(string backend) : ServerTest(backend)
{
    [SetUp]
    public async Task AddTagMixin()
    {
        var r = await SendAsync(HttpMethod.Post, "/-/", "Category: gold; scheme=\"http://example.org/tags#\"; class=\"mixin\"; location=\"/tags/gold/\"");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Post_locations_to_a_mixin_collection_associates_them()
    {
        var a = await CreateComputeAsync();
        var r = await SendAsync(HttpMethod.Post, "/tags/gold/", $"X-OCCI-Location: {Server.Root}{a}");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
        Assert.That(OcciText.Locations(await GetTextAsync("/tags/gold/")), Is.EqualTo(new[] { Server.Root + a }));
        Assert.That(await GetTextAsync(a), Does.Contain("Category: gold;"));
    }

    [Test]
    public async Task Put_replaces_the_membership()
    {
        var a = await CreateComputeAsync();
        var b = await CreateComputeAsync();
        await SendAsync(HttpMethod.Post, "/tags/gold/", $"X-OCCI-Location: {Server.Root}{a}");
        var r = await SendAsync(HttpMethod.Put, "/tags/gold/", $"X-OCCI-Location: {Server.Root}{b}");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
        Assert.That(OcciText.Locations(await GetTextAsync("/tags/gold/")), Is.EqualTo(new[] { Server.Root + b }));
    }

    [Test]
    public async Task Delete_with_locations_dissociates_them()
    {
        var a = await CreateComputeAsync();
        await SendAsync(HttpMethod.Post, "/tags/gold/", $"X-OCCI-Location: {Server.Root}{a}");
        var r = await SendAsync(HttpMethod.Delete, "/tags/gold/", $"X-OCCI-Location: {Server.Root}{a}");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
        Assert.That(OcciText.Locations(await GetTextAsync("/tags/gold/")), Is.Empty);
        Assert.That(await GetTextAsync(a), Does.Not.Contain("Category: gold;"));
    }

    [Test]
    public async Task Associating_a_missing_entity_is_400_and_associates_nothing()
    {
        var a = await CreateComputeAsync();
        var r = await SendAsync(HttpMethod.Post, "/tags/gold/", $"X-OCCI-Location: {Server.Root}{a}, {Server.Root}/compute/missing");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("/compute/missing"));
        Assert.That(OcciText.Locations(await GetTextAsync("/tags/gold/")), Is.Empty);
    }

    [Test]
    public async Task Put_naming_a_missing_entity_is_400_and_keeps_the_membership()
    {
        var a = await CreateComputeAsync();
        await SendAsync(HttpMethod.Post, "/tags/gold/", $"X-OCCI-Location: {Server.Root}{a}");
        var r = await SendAsync(HttpMethod.Put, "/tags/gold/", $"X-OCCI-Location: {Server.Root}/compute/missing");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("/compute/missing"));
        Assert.That(OcciText.Locations(await GetTextAsync("/tags/gold/")), Is.EqualTo(new[] { Server.Root + a }));
    }

    [Test]
    public async Task Delete_naming_a_missing_entity_is_400_and_keeps_the_membership()
    {
        var a = await CreateComputeAsync();
        await SendAsync(HttpMethod.Post, "/tags/gold/", $"X-OCCI-Location: {Server.Root}{a}");
        var r = await SendAsync(HttpMethod.Delete, "/tags/gold/", $"X-OCCI-Location: {Server.Root}{a}, {Server.Root}/compute/missing");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("/compute/missing"));
        Assert.That(OcciText.Locations(await GetTextAsync("/tags/gold/")), Is.EqualTo(new[] { Server.Root + a }));
    }

    [Test]
    public async Task Collection_filtered_by_mixin_category_lists_members_only()
    {
        var a = await CreateComputeAsync();
        await CreateComputeAsync();
        await SendAsync(HttpMethod.Post, "/tags/gold/", $"X-OCCI-Location: {Server.Root}{a}");
        var r = await SendAsync(HttpMethod.Get, "/compute/", headers: ("Category", "gold; scheme=\"http://example.org/tags#\"; class=\"mixin\""));
        Assert.That(OcciText.Locations(await r.Content.ReadAsStringAsync()), Is.EqualTo(new[] { Server.Root + a }));
    }
}
