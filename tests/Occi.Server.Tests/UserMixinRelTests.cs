using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>Issue 10 item 6: user mixins as the standard's examples write them (a rel to a mixin of the client's scheme), and DELETE /-/?category=.</summary>
public class UserMixinRelTests : ServerTest
{
    private const string Scheme = "http://example.com/occi/my_stuff#";
    private const string Related = "http://example.com/occi/something_else#mixin";
    private const string Definition = $"Category: my_stuff; scheme=\"{Scheme}\"; class=\"mixin\"; rel=\"{Related}\"; location=\"/my_stuff/\"";

    private async Task DefineAsync()
    {
        var r = await SendAsync(HttpMethod.Post, "/-/", Definition);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
    }

    private static string? LineOf(string body, string term) =>
        body.Split('\n').FirstOrDefault(l => l.StartsWith($"Category: {term};", StringComparison.Ordinal));

    [Test]
    public async Task A_rel_to_an_unknown_mixin_is_accepted_and_rendered_back_without_inventing_that_mixin()
    {
        await DefineAsync();
        var model = await GetTextAsync("/-/");
        Assert.That(LineOf(model, "my_stuff"), Does.Contain($"rel=\"{Related}\"").And.Contain("/my_stuff/\""));
        Assert.That(LineOf(model, "mixin"), Is.Null, "the related mixin is no category of this server");

        var json = await GetTextAsync("/-/", accept: "application/occi+json");
        Assert.That(json, Does.Contain(Related));
    }

    [Test]
    public async Task Membership_post_put_and_delete_work_on_such_a_mixin()
    {
        await DefineAsync();
        var a = Server.Root + await CreateComputeAsync();
        var b = Server.Root + await CreateComputeAsync();
        Assert.That((await SendAsync(HttpMethod.Post, "/my_stuff/", $"X-OCCI-Location: {a}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await SendAsync(HttpMethod.Put, "/my_stuff/", $"X-OCCI-Location: {b}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(OcciText.Locations(await GetTextAsync("/my_stuff/")), Is.EqualTo(new[] { b }));
        Assert.That(await GetTextAsync(new Uri(b).AbsolutePath), Does.Contain("Category: my_stuff;"));
        Assert.That((await SendAsync(HttpMethod.Delete, "/my_stuff/", $"X-OCCI-Location: {b}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(OcciText.Locations(await GetTextAsync("/my_stuff/")), Is.Empty);

        var r = await SendAsync(HttpMethod.Delete, "/-/", $"Category: my_stuff; scheme=\"{Scheme}\"; class=\"mixin\"");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
        Assert.That(LineOf(await GetTextAsync("/-/"), "my_stuff"), Is.Null);
    }

    [Test]
    public async Task The_rel_survives_a_restart_and_the_related_mixin_can_still_be_defined()
    {
        await DefineAsync();
        Server = await Server.RestartAsync();
        Assert.That(LineOf(await GetTextAsync("/-/"), "my_stuff"), Does.Contain($"rel=\"{Related}\""));
        var r = await SendAsync(HttpMethod.Post, "/-/", "Category: mixin; scheme=\"http://example.com/occi/something_else#\"; class=\"mixin\"; location=\"/else/\"");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Delete_with_a_category_query_removes_the_user_mixin()
    {
        await DefineAsync();
        var a = await CreateComputeAsync();
        await SendAsync(HttpMethod.Post, "/my_stuff/", $"X-OCCI-Location: {Server.Root}{a}");
        var r = await SendAsync(HttpMethod.Delete, "/-/?category=" + Uri.EscapeDataString(Scheme + "my_stuff"));
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
        Assert.That(LineOf(await GetTextAsync("/-/"), "my_stuff"), Is.Null);
        Assert.That(await GetTextAsync(a), Does.Not.Contain("my_stuff"));
    }

    [Test]
    public async Task A_category_query_that_is_no_identity_is_400()
    {
        await DefineAsync();
        var r = await SendAsync(HttpMethod.Delete, "/-/?category=my_stuff");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(LineOf(await GetTextAsync("/-/"), "my_stuff"), Is.Not.Null);
    }
}
