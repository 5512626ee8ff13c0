using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

[TestFixture("Local")]
[TestFixture("Libvirt")]
public class NegotiationTests(string backend) : ServerTest(backend)
{
    [Test]
    public async Task No_accept_header_gives_text_plain()
    {
        var r = await SendAsync(HttpMethod.Get, "/-/", accept: null);
        Assert.That(r.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/plain"));
    }

    [Test]
    public async Task Star_accept_gives_text_plain()
    {
        var r = await SendAsync(HttpMethod.Get, "/-/", accept: "*/*");
        Assert.That(r.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/plain"));
    }

    [Test]
    public async Task Accept_q_values_choose_the_preferred_rendering()
    {
        var r = await SendAsync(HttpMethod.Get, "/-/", accept: "text/plain;q=0.5, application/occi+json;q=0.9");
        Assert.That(r.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/occi+json"));
    }

    [Test]
    public async Task Application_json_is_an_alias_of_occi_json()
    {
        var r = await SendAsync(HttpMethod.Get, "/-/", accept: "application/json");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(r.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/occi+json"));
    }

    [Test]
    public async Task Unsupported_accept_is_406_with_a_message()
    {
        var r = await SendAsync(HttpMethod.Get, "/-/", accept: "image/png");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.NotAcceptable));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("image/png"));
    }

    [Test]
    public async Task Unsupported_content_type_is_415_with_a_message()
    {
        var r = await SendAsync(HttpMethod.Post, "/compute/", "<compute/>", contentType: "application/xml");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("application/xml"));
    }

    [Test]
    public async Task Server_header_carries_the_occi_version()
    {
        var r = await SendAsync(HttpMethod.Get, "/-/");
        Assert.That(string.Join(" ", r.Headers.GetValues("Server")), Does.Contain("OCCI/1.1"));
    }

    [Test]
    public async Task A_newer_occi_version_is_501()
    {
        var r = await SendAsync(HttpMethod.Get, "/-/", headers: ("User-Agent", "future-client OCCI/2.0"));
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.NotImplemented));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("OCCI/2.0"));
    }

    [Test]
    public async Task Uri_list_on_an_entity_is_not_acceptable()
    {
        var compute = await CreateComputeAsync();
        var r = await SendAsync(HttpMethod.Get, compute, accept: "text/uri-list");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.NotAcceptable));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("uri-list"));
    }

    [Test]
    public async Task Text_occi_renders_an_entity_in_headers()
    {
        var compute = await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"in-headers\"");
        var r = await SendAsync(HttpMethod.Get, compute, accept: "text/occi");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(r.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/occi"));
        Assert.That(string.Join(",", r.Headers.GetValues("Category")), Does.Contain("compute"));
        Assert.That(string.Join(",", r.Headers.GetValues("X-OCCI-Attribute")), Does.Contain("in-headers"));
    }

    [Test]
    public async Task Text_occi_request_headers_create_an_entity()
    {
        var request = Server.Request(HttpMethod.Post, "/compute/");
        request.Headers.TryAddWithoutValidation("Category", "compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"");
        request.Headers.TryAddWithoutValidation("X-OCCI-Attribute", "occi.core.title=\"from-headers\", occi.compute.cores=4");
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/occi");
        var r = await Http.SendAsync(request);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.Created), await r.Content.ReadAsStringAsync());
        var body = await GetTextAsync(r.Headers.Location!.AbsolutePath);
        Assert.That(OcciText.Attribute(body, "occi.core.title"), Is.EqualTo("from-headers"));
        Assert.That(OcciText.Attribute(body, "occi.compute.cores"), Is.EqualTo("4"));
    }

    [Test]
    public async Task Json_create_returns_201_and_the_resource()
    {
        var json = """{"kind":"http://schemas.ogf.org/occi/infrastructure#compute","attributes":{"occi.core.title":"from-json","occi.compute.cores":2}}""";
        var r = await SendAsync(HttpMethod.Post, "/compute/", json, contentType: "application/occi+json", accept: "application/occi+json");
        var body = await r.Content.ReadAsStringAsync();
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        Assert.That(body, Does.Contain("from-json"));
        Assert.That(OcciText.Attribute(await GetTextAsync(r.Headers.Location!.AbsolutePath), "occi.compute.cores"), Is.EqualTo("2"));
    }
}
