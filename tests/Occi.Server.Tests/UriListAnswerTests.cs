using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 11 item 3: text/uri-list renders locations only. A request on an entity whose answer is the
/// entity is negotiated before it runs: Accept: text/uri-list alone is 406 and nothing is applied; with
/// another acceptable type beside it, that type answers.
/// </summary>
public class UriListAnswerTests : ServerTest
{
    private const string UriList = "text/uri-list";

    private static async Task AssertRefusedAsync(HttpResponseMessage r)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.NotAcceptable), text);
        Assert.That(text, Does.Contain("text/uri-list"));
    }

    private async Task<string?> AttributeAsync(string compute, string name) => OcciText.Attribute(await GetTextAsync(compute), name);

    [Test]
    public async Task Post_update_asking_for_uri_list_is_406_and_changes_nothing()
    {
        var compute = await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"old\"");
        var r = await SendAsync(HttpMethod.Post, compute, OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.core.title=\"new\"", accept: UriList);
        await AssertRefusedAsync(r);
        Assert.That(await AttributeAsync(compute, "occi.core.title"), Is.EqualTo("old"));
    }

    [Test]
    public async Task Put_replace_asking_for_uri_list_is_406_and_changes_nothing()
    {
        var compute = await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"old\"\nX-OCCI-Attribute: occi.core.summary=\"kept\"");
        var r = await SendAsync(HttpMethod.Put, compute, OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.core.title=\"replaced\"", accept: UriList);
        await AssertRefusedAsync(r);
        Assert.That(await AttributeAsync(compute, "occi.core.title"), Is.EqualTo("old"));
        Assert.That(await AttributeAsync(compute, "occi.core.summary"), Is.EqualTo("kept"));
    }

    [Test]
    public async Task Json_update_asking_for_uri_list_is_406_and_changes_nothing()
    {
        var compute = await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"old\"");
        var json = $$$"""{"kind":"{{{OcciText.Infra}}}compute","attributes":{"occi.core.title":"new"}}""";
        var r = await SendAsync(HttpMethod.Post, compute, json, contentType: "application/occi+json", accept: UriList);
        await AssertRefusedAsync(r);
        Assert.That(await AttributeAsync(compute, "occi.core.title"), Is.EqualTo("old"));
    }

    [Test]
    public async Task Action_asking_for_uri_list_is_406_and_the_action_does_not_run()
    {
        var compute = await CreateInactiveComputeAsync();
        var r = await SendAsync(HttpMethod.Post, compute + "?action=start", OcciText.Action("compute", "start"), accept: UriList);
        await AssertRefusedAsync(r);
        Assert.That(await AttributeAsync(compute, "occi.compute.state"), Is.EqualTo("inactive"));
    }

    [Test]
    public async Task Get_of_an_entity_asking_for_uri_list_is_406()
    {
        var compute = await CreateComputeAsync();
        var r = await SendAsync(HttpMethod.Get, compute, accept: UriList);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.NotAcceptable), await r.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Get_of_the_query_interface_asking_for_uri_list_is_406()
    {
        var r = await SendAsync(HttpMethod.Get, "/-/", accept: UriList);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.NotAcceptable), await r.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Uri_list_preferred_but_text_plain_accepted_answers_an_update_in_text_plain()
    {
        var compute = await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"old\"");
        var r = await SendAsync(HttpMethod.Post, compute, OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.core.title=\"new\"",
            accept: "text/uri-list, text/plain;q=0.5");
        var text = await r.Content.ReadAsStringAsync();
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(r.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/plain"));
        Assert.That(OcciText.Attribute(text, "occi.core.title"), Is.EqualTo("new"));
    }

    [Test]
    public async Task Uri_list_still_answers_collections_creates_and_deletes()
    {
        var create = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory, accept: UriList);
        Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Created), await create.Content.ReadAsStringAsync());
        var compute = create.Headers.Location!.AbsolutePath;
        Assert.That(await GetTextAsync("/compute/", accept: UriList), Does.Contain(compute));
        var delete = await SendAsync(HttpMethod.Delete, compute, accept: UriList);
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK), await delete.Content.ReadAsStringAsync());
        await GetTextAsync(compute, HttpStatusCode.NotFound);
    }
}
