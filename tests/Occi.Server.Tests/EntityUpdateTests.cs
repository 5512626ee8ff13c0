using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

[TestFixture("Local")]
[TestFixture("Libvirt")]
public class EntityUpdateTests(string backend) : ServerTest(backend)
{
    [Test]
    public async Task Post_to_an_entity_updates_attributes_partially()
    {
        var compute = await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"old\"\nX-OCCI-Attribute: occi.compute.cores=1");
        var r = await SendAsync(HttpMethod.Post, compute, OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.core.title=\"new\"");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
        var body = await GetTextAsync(compute);
        Assert.That(OcciText.Attribute(body, "occi.core.title"), Is.EqualTo("new"));
        Assert.That(OcciText.Attribute(body, "occi.compute.cores"), Is.EqualTo("1"));
    }

    [Test]
    public async Task Post_with_only_a_mixin_adds_it()
    {
        var compute = await CreateComputeAsync();
        await SendAsync(HttpMethod.Post, "/-/", "Category: red; scheme=\"http://example.org/tags#\"; class=\"mixin\"; location=\"/tags/red/\"");
        var r = await SendAsync(HttpMethod.Post, compute, "Category: red; scheme=\"http://example.org/tags#\"; class=\"mixin\"");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
        Assert.That(await GetTextAsync(compute), Does.Contain("Category: red;"));
    }

    [Test]
    public async Task Updating_an_immutable_attribute_is_a_bad_request_and_changes_nothing()
    {
        var compute = await CreateComputeAsync();
        var r = await SendAsync(HttpMethod.Post, compute, OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.compute.state=\"suspended\"");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("occi.compute.state"));
        Assert.That(OcciText.Attribute(await GetTextAsync(compute), "occi.compute.state"), Is.EqualTo(InitialComputeState));
    }

    [Test]
    public async Task Post_that_changes_occi_core_id_is_a_bad_request()
    {
        var compute = await CreateComputeAsync();
        var r = await SendAsync(HttpMethod.Post, compute, OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.core.id=\"another-id\"");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("occi.core.id"));
        Assert.That(OcciText.Attribute(await GetTextAsync(compute), "occi.core.id"), Is.EqualTo(compute["/compute/".Length..]));
    }

    [Test]
    public async Task Put_replaces_mutable_attributes()
    {
        var compute = await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"old\"\nX-OCCI-Attribute: occi.core.summary=\"to be dropped\"");
        var r = await SendAsync(HttpMethod.Put, compute, OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.core.title=\"replaced\"");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
        var body = await GetTextAsync(compute);
        Assert.That(OcciText.Attribute(body, "occi.core.title"), Is.EqualTo("replaced"));
        Assert.That(OcciText.Attribute(body, "occi.core.summary"), Is.Null);
        Assert.That(OcciText.Attribute(body, "occi.compute.state"), Is.EqualTo(InitialComputeState));
    }

    [Test]
    public async Task Put_at_a_new_path_creates_the_entity_there()
    {
        var r = await SendAsync(HttpMethod.Put, "/compute/my-vm", OcciText.ComputeCategory);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.Created), await r.Content.ReadAsStringAsync());
        Assert.That(r.Headers.Location!.AbsolutePath, Is.EqualTo("/compute/my-vm"));
        Assert.That(OcciText.Attribute(await GetTextAsync("/compute/my-vm"), "occi.core.id"), Is.EqualTo("my-vm"));
    }

    [TestCase("/compute/../etc/passwd")]
    [TestCase("/compute/%2e%2e/x")]
    [TestCase("/compute//x")]
    [TestCase("/compute/a%2Fb")]
    [TestCase("/compute/a%5c..%5cb")]
    public async Task Put_at_a_path_that_escapes_the_name_space_is_a_bad_request(string path)
    {
        var (status, response) = await RawHttp.SendAsync(Server.BaseAddress, $"PUT {path} HTTP/1.1\r\nContent-Type: text/plain", OcciText.ComputeCategory);
        Assert.That(status, Is.EqualTo(400), response);
        Assert.That(OcciText.Locations(await GetTextAsync("/")), Is.Empty);
    }
}
