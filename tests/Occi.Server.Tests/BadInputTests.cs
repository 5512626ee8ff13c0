using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

[TestFixture("Local")]
[TestFixture("Libvirt")]
public class BadInputTests(string backend) : ServerTest(backend)
{
    [TestCase("Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#; class=\"kind\"")]
    [TestCase("Category: ; scheme=\"x#\"")]
    [TestCase("X-OCCI-Attribute: =3")]
    [TestCase("Category compute")]
    public async Task Malformed_text_is_a_bad_request_with_a_message_and_creates_nothing(string body)
    {
        var r = await SendAsync(HttpMethod.Post, "/compute/", body);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await r.Content.ReadAsStringAsync(), Is.Not.Empty);
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/")), Is.Empty);
    }

    [Test]
    public async Task Wrong_attribute_type_is_a_bad_request_naming_the_attribute()
    {
        var r = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.compute.cores=\"many\"");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("occi.compute.cores"));
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/")), Is.Empty);
    }

    [Test]
    public async Task Enum_value_outside_the_enum_is_a_bad_request()
    {
        var r = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.compute.architecture=\"sparc\"");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("sparc"));
    }

    [Test]
    public async Task Unknown_kind_is_a_bad_request_naming_it()
    {
        var r = await SendAsync(HttpMethod.Post, "/", "Category: teapot; scheme=\"http://example.org/kitchen#\"; class=\"kind\"");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("teapot"));
    }

    [Test]
    public async Task Unknown_mixin_is_a_bad_request_naming_it()
    {
        var r = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory + "\nCategory: ghost; scheme=\"http://example.org/x#\"; class=\"mixin\"");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("ghost"));
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/")), Is.Empty);
    }

    [Test]
    public async Task Undefined_attribute_is_a_bad_request()
    {
        var r = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.compute.wings=2");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("occi.compute.wings"));
    }

    [Test]
    public async Task Missing_required_attribute_is_a_bad_request()
    {
        var r = await SendAsync(HttpMethod.Post, "/storage/", OcciText.StorageCategory);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("occi.storage.size"));
    }

    [Test]
    public async Task Invalid_json_is_a_bad_request()
    {
        var r = await SendAsync(HttpMethod.Post, "/compute/", "{\"kind\": ", contentType: "application/occi+json");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await r.Content.ReadAsStringAsync(), Is.Not.Empty);
    }

    [Test]
    public async Task Oversized_body_is_413_and_creates_nothing()
    {
        var big = OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.core.summary=\"" + new string('x', 2 * 1024 * 1024) + "\"";
        var r = await SendAsync(HttpMethod.Post, "/compute/", big);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/")), Is.Empty);
    }

    [Test]
    public async Task Unknown_action_is_a_bad_request()
    {
        var compute = await CreateComputeAsync();
        var r = await SendAsync(HttpMethod.Post, compute + "?action=fly", "Category: fly; scheme=\"http://example.org/action#\"; class=\"action\"");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("fly"));
    }

    [Test]
    public async Task Random_bytes_in_a_body_never_give_a_500()
    {
        var random = new Random(1234);
        foreach (var mediaType in new[] { "text/plain", "application/occi+json", "text/occi" })
        {
            for (var i = 0; i < 20; i++)
            {
                var bytes = new byte[random.Next(1, 300)];
                random.NextBytes(bytes);
                var request = Server.Request(HttpMethod.Post, "/compute/");
                request.Content = new ByteArrayContent(bytes);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
                var r = await Http.SendAsync(request);
                Assert.That((int)r.StatusCode, Is.LessThan(500), $"{mediaType} #{i}: {await r.Content.ReadAsStringAsync()}");
            }
        }
    }
}
