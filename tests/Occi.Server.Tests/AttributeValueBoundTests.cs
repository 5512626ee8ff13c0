using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Occi:Limits:MaxAttributeValueBytes (issue 11 item 11): a larger attribute value is a 400 naming the
/// attribute, found when the request is read, so nothing is created or changed.
/// </summary>
public class AttributeValueBoundTests : ServerTest
{
    private const int Bound = 1000;

    protected override (string Key, string Value)[] Settings => [("Occi:Limits:MaxAttributeValueBytes", Bound.ToString())];

    [Test]
    public async Task A_create_with_a_value_over_the_bound_is_400_naming_the_attribute_and_creates_nothing()
    {
        var r = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory + $"\nX-OCCI-Attribute: occi.core.title=\"{new string('x', Bound + 1)}\"");
        var text = await r.Content.ReadAsStringAsync();

        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(text, Does.Contain("occi.core.title").And.Contain(Bound.ToString()));
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/")), Is.Empty);
    }

    [Test]
    public async Task The_bound_counts_UTF8_bytes_not_characters()
    {
        var fits = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory + $"\nX-OCCI-Attribute: occi.core.title=\"{new string('x', Bound)}\"");
        Assert.That(fits.StatusCode, Is.EqualTo(HttpStatusCode.Created), await fits.Content.ReadAsStringAsync());

        // 600 characters of two bytes each: 1,200 bytes.
        var r = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory + $"\nX-OCCI-Attribute: occi.core.summary=\"{new string('ü', 600)}\"");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("occi.core.summary"));
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/")), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task An_update_with_a_value_over_the_bound_is_400_and_changes_nothing()
    {
        var compute = await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"before\"");

        var r = await SendAsync(HttpMethod.Post, compute, $"X-OCCI-Attribute: occi.core.title=\"{new string('x', Bound + 1)}\"");

        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("occi.core.title"));
        Assert.That(OcciText.Attribute(await GetTextAsync(compute), "occi.core.title"), Is.EqualTo("before"));
    }

    [Test]
    public async Task A_JSON_create_with_a_value_over_the_bound_is_400_in_JSON()
    {
        var body = "{\"kind\":\"http://schemas.ogf.org/occi/infrastructure#compute\",\"attributes\":{\"occi.core.summary\":\"" + new string('s', Bound + 1) + "\"}}";

        var r = await SendAsync(HttpMethod.Post, "/compute/", body, contentType: "application/occi+json", accept: "application/occi+json");
        var text = await r.Content.ReadAsStringAsync();

        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(text, Does.StartWith("{\"error\"").And.Contain("occi.core.summary"));
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/")), Is.Empty);
    }
}
