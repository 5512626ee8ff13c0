using System.Net;
using System.Text.Json;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

[TestFixture("Local")]
[TestFixture("Libvirt")]
public class QueryInterfaceTests(string backend) : ServerTest(backend)
{
    private const string BlueMixin = "Category: blue; scheme=\"http://example.org/tags#\"; class=\"mixin\"; location=\"/tags/blue/\"";

    [Test]
    public async Task Get_query_interface_lists_the_infrastructure_kinds_with_locations_and_actions()
    {
        var body = await GetTextAsync("/-/");
        Assert.That(body, Does.Contain("Category: compute;"));
        Assert.That(body, Does.Contain("scheme=\"http://schemas.ogf.org/occi/infrastructure#\""));
        Assert.That(body, Does.Contain("/compute/"));
        Assert.That(body, Does.Contain("http://schemas.ogf.org/occi/infrastructure/compute/action#start"));
        Assert.That(body, Does.Contain("Category: storagelink;"));
        Assert.That(body, Does.Contain("Category: os_tpl;"));
    }

    [Test]
    public async Task Both_query_interface_paths_answer_the_same()
    {
        var a = await GetTextAsync("/-/");
        var b = await GetTextAsync("/.well-known/org/ogf/occi/-/");
        Assert.That(b, Is.EqualTo(a));
    }

    [Test]
    public async Task Query_interface_is_filtered_by_the_Category_header()
    {
        var response = await SendAsync(HttpMethod.Get, "/-/", headers: ("Category", "storage; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\""));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Contain("Category: storage;"));
        Assert.That(body, Does.Not.Contain("Category: compute;"));
    }

    [Test]
    public async Task Head_on_the_query_interface_gives_headers_and_no_body()
    {
        var get = await SendAsync(HttpMethod.Get, "/-/");
        var head = await SendAsync(HttpMethod.Head, "/-/");
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(head.Content.Headers.ContentLength, Is.EqualTo(get.Content.Headers.ContentLength));
    }

    [Test]
    public async Task Query_interface_in_json_has_kinds_mixins_and_actions()
    {
        var body = await GetTextAsync("/-/", accept: "application/occi+json");
        using var doc = JsonDocument.Parse(body);
        var kinds = doc.RootElement.GetProperty("kinds").EnumerateArray().Select(k => k.GetProperty("term").GetString()).ToArray();
        Assert.That(kinds, Does.Contain("compute").And.Contain("networkinterface"));
        Assert.That(doc.RootElement.GetProperty("mixins").GetArrayLength(), Is.GreaterThan(0));
        Assert.That(doc.RootElement.GetProperty("actions").GetArrayLength(), Is.GreaterThan(0));
    }

    [Test]
    public async Task Post_user_mixin_adds_it_to_the_model_and_its_location_becomes_a_collection()
    {
        var post = await SendAsync(HttpMethod.Post, "/-/", BlueMixin);
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.OK), await post.Content.ReadAsStringAsync());
        var model = await GetTextAsync("/-/");
        Assert.That(model, Does.Contain("Category: blue;"));
        var collection = await SendAsync(HttpMethod.Get, "/tags/blue/", accept: "text/uri-list");
        Assert.That(collection.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Post_user_mixin_whose_location_is_taken_is_a_conflict()
    {
        var post = await SendAsync(HttpMethod.Post, "/-/", "Category: clash; scheme=\"http://example.org/tags#\"; class=\"mixin\"; location=\"/compute/\"");
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await post.Content.ReadAsStringAsync(), Does.Contain("/compute/"));
    }

    [Test]
    public async Task Post_user_mixin_without_location_is_a_bad_request()
    {
        var post = await SendAsync(HttpMethod.Post, "/-/", "Category: nowhere; scheme=\"http://example.org/tags#\"; class=\"mixin\"");
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await post.Content.ReadAsStringAsync(), Is.Not.Empty);
    }

    [Test]
    public async Task Post_user_mixin_with_location_not_ending_in_slash_is_a_bad_request()
    {
        var post = await SendAsync(HttpMethod.Post, "/-/", "Category: red; scheme=\"http://example.org/tags#\"; class=\"mixin\"; location=\"/tags/red\"");
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await post.Content.ReadAsStringAsync(), Does.Contain("/tags/red"));
    }

    [Test]
    public async Task Delete_user_mixin_removes_it_and_detaches_it_from_entities()
    {
        await SendAsync(HttpMethod.Post, "/-/", BlueMixin);
        var compute = await CreateComputeAsync();
        var add = await SendAsync(HttpMethod.Post, "/tags/blue/", $"X-OCCI-Location: {Server.Root}{compute}");
        Assert.That(add.StatusCode, Is.EqualTo(HttpStatusCode.OK), await add.Content.ReadAsStringAsync());
        Assert.That(await GetTextAsync(compute), Does.Contain("Category: blue;"));

        var delete = await SendAsync(HttpMethod.Delete, "/-/", "Category: blue; scheme=\"http://example.org/tags#\"; class=\"mixin\"");
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK), await delete.Content.ReadAsStringAsync());
        Assert.That(await GetTextAsync("/-/"), Does.Not.Contain("Category: blue;"));
        Assert.That(await GetTextAsync(compute), Does.Not.Contain("Category: blue;"));
    }

    [Test]
    public async Task Delete_of_a_built_in_kind_is_409_and_of_a_provider_mixin_forbidden()
    {
        var kind = await SendAsync(HttpMethod.Delete, "/-/", OcciText.ComputeCategory);
        Assert.That(kind.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await kind.Content.ReadAsStringAsync(), Does.Contain("is built in"));
        var mixin = await SendAsync(HttpMethod.Delete, "/-/", "Category: os_tpl; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"mixin\"");
        Assert.That(mixin.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Put_on_the_query_interface_redefines_a_user_mixin()
    {
        var add = await SendAsync(HttpMethod.Post, "/-/", BlueMixin);
        Assert.That(add.StatusCode, Is.EqualTo(HttpStatusCode.OK), await add.Content.ReadAsStringAsync());
        var put = await SendAsync(HttpMethod.Put, "/-/", BlueMixin.Replace("location=", "title=\"Navy\"; location="));
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        Assert.That(await GetTextAsync("/-/"), Does.Contain("title=\"Navy\""));
    }

    [Test]
    public async Task Put_on_the_query_interface_of_a_mixin_that_does_not_exist_is_404()
    {
        var put = await SendAsync(HttpMethod.Put, "/-/", BlueMixin);
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), await put.Content.ReadAsStringAsync());
        Assert.That(await GetTextAsync("/-/"), Does.Not.Contain("Category: blue;"));
    }
}
