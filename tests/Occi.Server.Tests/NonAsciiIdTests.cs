using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 11 item 2: an id is RFC 3986 unreserved characters, so every location is ASCII and needs no
/// escaping in a Location header or a uri-list. A non-ASCII id (or any other character an id cannot hold) is
/// 400 before anything is created; an id of every allowed character makes the whole round trip.
/// </summary>
public class NonAsciiIdTests : ServerTest
{
    private async Task AssertNothingCreatedAsync()
    {
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/")), Is.Empty);
        Assert.That(await GetTextAsync("/compute/", accept: "text/uri-list"), Is.Empty);
    }

    [TestCase("/compute/abc%C3%BC")]
    [TestCase("/compute/%E2%9C%93")]
    [TestCase("/users/b%C3%BCcher/vm1")]
    [TestCase("/compute/a%20b")]
    public async Task Put_at_a_path_with_non_ascii_or_reserved_characters_is_400_and_creates_nothing(string path)
    {
        var r = await SendAsync(HttpMethod.Put, path, OcciText.ComputeCategory);
        var text = await r.Content.ReadAsStringAsync();
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(r.Headers.Location, Is.Null);
        Assert.That(text, Does.Contain("letters, digits"));
        await GetTextAsync(path, HttpStatusCode.NotFound);
        await AssertNothingCreatedAsync();
    }

    [Test]
    public async Task The_error_names_the_id_as_the_client_sent_it()
    {
        var r = await SendAsync(HttpMethod.Put, "/compute/abc%C3%BC", OcciText.ComputeCategory);
        Assert.That(await r.Content.ReadAsStringAsync(), Does.Contain("abc%C3%BC"));
    }

    [TestCase("text/plain")]
    [TestCase("application/occi+json")]
    public async Task A_non_ascii_occi_core_id_in_a_create_is_400_and_creates_nothing(string mediaType)
    {
        var body = mediaType == "text/plain"
            ? OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.core.id=\"abcü\""
            : $$$"""{"kind":"{{{OcciText.Infra}}}compute","id":"abcü","attributes":{}}""";
        var r = await SendAsync(HttpMethod.Post, "/compute/", body, contentType: mediaType);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await r.Content.ReadAsStringAsync());
        await AssertNothingCreatedAsync();
    }

    [Test]
    public async Task An_id_of_every_allowed_character_is_created_got_listed_and_deleted()
    {
        const string path = "/compute/Az09-._~";
        var put = await SendAsync(HttpMethod.Put, path, OcciText.ComputeCategory);
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Created), await put.Content.ReadAsStringAsync());
        Assert.That(put.Headers.Location!.AbsolutePath, Is.EqualTo(path));

        Assert.That(OcciText.Attribute(await GetTextAsync(path), "occi.core.id"), Is.EqualTo("Az09-._~"));
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/")), Is.EqualTo(new[] { Server.Root + path }));
        Assert.That((await GetTextAsync("/compute/", accept: "text/uri-list")).Trim(), Is.EqualTo(Server.Root + path));

        var delete = await SendAsync(HttpMethod.Delete, path);
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK), await delete.Content.ReadAsStringAsync());
        await GetTextAsync(path, HttpStatusCode.NotFound);
        await AssertNothingCreatedAsync();
    }

    [Test]
    public async Task A_percent_encoded_unreserved_character_names_the_same_entity()
    {
        // RFC 3986 §6.2.2.2: %41 and A are the same location.
        var put = await SendAsync(HttpMethod.Put, "/compute/%41bc", OcciText.ComputeCategory);
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Created), await put.Content.ReadAsStringAsync());
        Assert.That(put.Headers.Location!.AbsolutePath, Is.EqualTo("/compute/Abc"));
        Assert.That(OcciText.Attribute(await GetTextAsync("/compute/Abc"), "occi.core.id"), Is.EqualTo("Abc"));
    }

    [Test]
    public async Task A_user_mixin_location_with_non_ascii_characters_is_400_and_the_model_is_unchanged()
    {
        var before = await GetTextAsync("/-/");
        var r = await SendAsync(HttpMethod.Post, "/-/", "Category: gr; scheme=\"http://example.org/tags#\"; class=\"mixin\"; location=\"/grün/\"");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await r.Content.ReadAsStringAsync());
        Assert.That(await GetTextAsync("/-/"), Is.EqualTo(before));
        Assert.That((await SendAsync(HttpMethod.Get, "/-/", accept: "text/occi")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
