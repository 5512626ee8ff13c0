using System.Net;
using System.Text.Json;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 10 item 9 / issue 11 item 7: an action on a collection applies to every member that allows it;
/// the 200 answer lists the members it skipped and why. Storage volumes are used: each test brings its
/// volumes to the state it needs explicitly (online at creation, offline by the action).
/// </summary>
public class CollectionActionTests : ServerTest
{
    private async Task OfflineAsync(string storage)
    {
        var r = await SendAsync(HttpMethod.Post, storage + "?action=offline", OcciText.Action("storage", "offline"));
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
        Assert.That(await StateAsync(storage), Is.EqualTo("offline"), "the simulator takes no time here (Occi:Local:ActionDelayMs is 0)");
    }

    private async Task<string?> StateAsync(string storage) => OcciText.Attribute(await GetTextAsync(storage), "occi.storage.state");

    private Task<HttpResponseMessage> OfflineAllAsync(string accept) =>
        SendAsync(HttpMethod.Post, "/storage/?action=offline", OcciText.Action("storage", "offline"), accept: accept);

    [TestCase("text/plain")]
    [TestCase("text/occi")]
    public async Task Text_answer_is_200_and_names_the_skipped_member_and_why(string accept)
    {
        var done = await CreateOnlineStorageAsync();
        var refused = await CreateOnlineStorageAsync();
        await OfflineAsync(refused);

        var r = await OfflineAllAsync(accept);
        var body = await r.Content.ReadAsStringAsync();
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Contain("applied to 1 of 2").And.Contain(Server.Root + refused + ": ").And.Contain("not allowed"));
        Assert.That(await StateAsync(done), Is.EqualTo("offline"));
    }

    [Test]
    public async Task Json_answer_lists_applied_and_skipped_members()
    {
        var done = await CreateOnlineStorageAsync();
        var refused = await CreateOnlineStorageAsync();
        await OfflineAsync(refused);

        var r = await OfflineAllAsync("application/occi+json");
        var body = await r.Content.ReadAsStringAsync();
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using var doc = JsonDocument.Parse(body);
        Assert.That(doc.RootElement.GetProperty("action").GetString(), Is.EqualTo(OcciText.Infra.Replace("#", "/storage/action#") + "offline"));
        Assert.That(doc.RootElement.GetProperty("applied").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { Server.Root + done }));
        var skipped = doc.RootElement.GetProperty("skipped").EnumerateArray().ToArray();
        Assert.That(skipped, Has.Length.EqualTo(1));
        Assert.That(skipped[0].GetProperty("location").GetString(), Is.EqualTo(Server.Root + refused));
        Assert.That(skipped[0].GetProperty("reason").GetString(), Does.Contain("offline"));
    }

    [Test]
    public async Task Uri_list_answer_lists_applied_members_and_skipped_ones_as_comments()
    {
        var done = await CreateOnlineStorageAsync();
        var refused = await CreateOnlineStorageAsync();
        await OfflineAsync(refused);

        var r = await OfflineAllAsync("text/uri-list");
        var lines = (await r.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(lines.Where(l => !l.StartsWith('#')), Is.EqualTo(new[] { Server.Root + done }));
        Assert.That(lines.Single(l => l.StartsWith('#')), Does.StartWith("# not applied: " + Server.Root + refused));
    }

    [Test]
    public async Task Members_all_in_the_wrong_state_are_reported_not_refused()
    {
        var a = await CreateOnlineStorageAsync();
        await OfflineAsync(a);
        var r = await OfflineAllAsync("text/plain");
        var body = await r.Content.ReadAsStringAsync();
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Contain("applied to 0 of 1"));
    }

    [Test]
    public async Task An_action_that_fits_no_member_is_400_and_changes_nothing()
    {
        var a = await CreateOnlineStorageAsync();
        var r = await SendAsync(HttpMethod.Post, "/storage/?action=offline", OcciText.Action("storage", "online"));
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await r.Content.ReadAsStringAsync());
        Assert.That(await StateAsync(a), Is.EqualTo("online"));
    }

    [Test]
    public async Task All_members_taking_the_action_is_an_empty_200()
    {
        var a = await CreateOnlineStorageAsync();
        var r = await OfflineAllAsync("text/plain");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await r.Content.ReadAsStringAsync(), Is.Empty);
        Assert.That(await StateAsync(a), Is.EqualTo("offline"));
    }
}
