using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// ETags and conditional requests on entities (issue 11 item 9, RFC 9110 §13): the ETag is the store version,
/// If-Match / If-None-Match make a write conditional, and a condition that does not hold is 412 with nothing
/// changed. Computes are created inactive here, so no boot changes their version behind the test's back.
/// </summary>
public class ConditionalRequestTests() : ServerTest("LocalCreatedInactive")
{
    private static string ETagOf(HttpResponseMessage response) =>
        response.Headers.ETag?.Tag ?? throw new AssertionException($"no ETag on the {(int)response.StatusCode} answer");

    private async Task<string> CurrentETagAsync(string path)
    {
        var response = await SendAsync(HttpMethod.Get, path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return ETagOf(response);
    }

    private Task<HttpResponseMessage> RetitleAsync(string path, string title, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Post, path, $"X-OCCI-Attribute: occi.core.title=\"{title}\"", headers: headers);

    private static string Replacement(string title) => OcciText.ComputeCategory + $"\nX-OCCI-Attribute: occi.core.title=\"{title}\"";

    private static async Task Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
    }

    private async Task<string?> TitleAsync(string path) => OcciText.Attribute(await GetTextAsync(path), "occi.core.title");

    [Test]
    public async Task Get_and_head_answer_a_quoted_ETag_that_changes_after_a_write()
    {
        var compute = await CreateComputeAsync();
        var before = await CurrentETagAsync(compute);
        var head = await SendAsync(HttpMethod.Head, compute);
        Assert.That(ETagOf(head), Is.EqualTo(before));
        Assert.That(before, Does.Match("^\"[0-9]+\"$"));

        var update = await RetitleAsync(compute, "changed");
        await Expect(update, HttpStatusCode.OK);
        Assert.That(ETagOf(update), Is.Not.EqualTo(before));
        Assert.That(await CurrentETagAsync(compute), Is.EqualTo(ETagOf(update)), "the update answers the version it wrote");
    }

    [Test]
    public async Task Put_and_action_answers_carry_the_ETag_of_the_version_they_wrote()
    {
        var compute = await CreateComputeAsync();
        var before = await CurrentETagAsync(compute);

        var put = await SendAsync(HttpMethod.Put, compute, Replacement("replaced"));
        await Expect(put, HttpStatusCode.OK);
        Assert.That(ETagOf(put), Is.Not.EqualTo(before));
        Assert.That(await CurrentETagAsync(compute), Is.EqualTo(ETagOf(put)));

        var action = await SendAsync(HttpMethod.Post, compute + "?action=start", OcciText.Action("compute", "start"));
        await Expect(action, HttpStatusCode.OK);
        Assert.That(ETagOf(action), Is.Not.EqualTo(ETagOf(put)));
    }

    [Test]
    public async Task Put_creating_an_entity_answers_201_with_its_ETag()
    {
        var created = await SendAsync(HttpMethod.Put, "/compute/etag-new", Replacement("new"));
        await Expect(created, HttpStatusCode.Created);
        Assert.That(await CurrentETagAsync("/compute/etag-new"), Is.EqualTo(ETagOf(created)));
    }

    [Test]
    public async Task An_update_with_the_current_ETag_in_If_Match_succeeds()
    {
        var compute = await CreateComputeAsync();
        var update = await RetitleAsync(compute, "matched", ("If-Match", await CurrentETagAsync(compute)));
        await Expect(update, HttpStatusCode.OK);
        Assert.That(await TitleAsync(compute), Is.EqualTo("matched"));
    }

    [Test]
    public async Task An_update_with_a_stale_If_Match_is_412_and_changes_nothing()
    {
        var compute = await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"original\"");
        var stale = await CurrentETagAsync(compute);
        await Expect(await RetitleAsync(compute, "original"), HttpStatusCode.OK); // another client's write
        var fresh = await CurrentETagAsync(compute);

        var refused = await RetitleAsync(compute, "lost", ("If-Match", stale));
        var text = await refused.Content.ReadAsStringAsync();
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed), text);
        Assert.That(text, Does.Contain("If-Match").And.Contain(fresh));
        Assert.That(refused.Headers.ETag, Is.Null, "an error carries no ETag");
        Assert.That(await TitleAsync(compute), Is.EqualTo("original"));
        Assert.That(await CurrentETagAsync(compute), Is.EqualTo(fresh));
    }

    [Test]
    public async Task A_weak_ETag_in_If_Match_does_not_match()
    {
        // If-Match compares strongly (RFC 9110 §13.1.1): W/"n" never matches.
        var compute = await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"original\"");
        var refused = await RetitleAsync(compute, "weak", ("If-Match", "W/" + await CurrentETagAsync(compute)));
        await Expect(refused, HttpStatusCode.PreconditionFailed);
        Assert.That(await TitleAsync(compute), Is.EqualTo("original"));
    }

    [Test]
    public async Task A_put_with_a_stale_If_Match_is_412_and_changes_nothing()
    {
        var compute = await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"original\"");
        var refused = await SendAsync(HttpMethod.Put, compute, Replacement("lost"), headers: ("If-Match", "\"999999\""));
        await Expect(refused, HttpStatusCode.PreconditionFailed);
        Assert.That(await TitleAsync(compute), Is.EqualTo("original"));
    }

    [Test]
    public async Task A_delete_with_a_stale_If_Match_is_412_and_deletes_nothing()
    {
        var compute = await CreateComputeAsync();
        var refused = await SendAsync(HttpMethod.Delete, compute, headers: ("If-Match", "\"999999\""));
        await Expect(refused, HttpStatusCode.PreconditionFailed);
        await GetTextAsync(compute);

        var deleted = await SendAsync(HttpMethod.Delete, compute, headers: ("If-Match", await CurrentETagAsync(compute)));
        await Expect(deleted, HttpStatusCode.OK);
        await GetTextAsync(compute, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task An_action_with_a_stale_If_Match_is_412_and_is_not_performed()
    {
        var compute = await CreateComputeAsync();
        var refused = await SendAsync(HttpMethod.Post, compute + "?action=start", OcciText.Action("compute", "start"), headers: ("If-Match", "\"999999\""));
        await Expect(refused, HttpStatusCode.PreconditionFailed);
        Assert.That(OcciText.Attribute(await GetTextAsync(compute), "occi.compute.state"), Is.EqualTo("inactive"));

        var started = await SendAsync(HttpMethod.Post, compute + "?action=start", OcciText.Action("compute", "start"), headers: ("If-Match", await CurrentETagAsync(compute)));
        await Expect(started, HttpStatusCode.OK);
    }

    [Test]
    public async Task If_Match_star_matches_any_existing_entity()
    {
        var compute = await CreateComputeAsync();
        await Expect(await RetitleAsync(compute, "any", ("If-Match", "*")), HttpStatusCode.OK);
        Assert.That(await TitleAsync(compute), Is.EqualTo("any"));
    }

    [Test]
    public async Task A_put_with_If_Match_star_where_nothing_is_is_412_and_creates_nothing()
    {
        var refused = await SendAsync(HttpMethod.Put, "/compute/etag-missing", Replacement("never"), headers: ("If-Match", "*"));
        var text = await refused.Content.ReadAsStringAsync();
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed), text);
        Assert.That(text, Does.Contain("no entity at /compute/etag-missing"));
        await GetTextAsync("/compute/etag-missing", HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_put_with_If_None_Match_star_on_an_existing_entity_is_412_and_changes_nothing()
    {
        var compute = await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"original\"");
        var refused = await SendAsync(HttpMethod.Put, compute, Replacement("overwritten"), headers: ("If-None-Match", "*"));
        await Expect(refused, HttpStatusCode.PreconditionFailed);
        Assert.That(await TitleAsync(compute), Is.EqualTo("original"));
    }

    [Test]
    public async Task A_put_with_If_None_Match_star_where_nothing_is_creates_it()
    {
        var created = await SendAsync(HttpMethod.Put, "/compute/etag-create-only", Replacement("fresh"), headers: ("If-None-Match", "*"));
        await Expect(created, HttpStatusCode.Created);
        Assert.That(await TitleAsync("/compute/etag-create-only"), Is.EqualTo("fresh"));
    }

    [Test]
    public async Task A_get_with_the_current_ETag_in_If_None_Match_is_304_without_a_body()
    {
        var compute = await CreateComputeAsync();
        var tag = await CurrentETagAsync(compute);
        var unchanged = await SendAsync(HttpMethod.Get, compute, headers: ("If-None-Match", tag));
        Assert.That(unchanged.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(ETagOf(unchanged), Is.EqualTo(tag));
        Assert.That(await unchanged.Content.ReadAsStringAsync(), Is.Empty);

        await Expect(await RetitleAsync(compute, "changed"), HttpStatusCode.OK);
        var changed = await SendAsync(HttpMethod.Get, compute, headers: ("If-None-Match", tag));
        await Expect(changed, HttpStatusCode.OK);
        Assert.That(OcciText.Attribute(await changed.Content.ReadAsStringAsync(), "occi.core.title"), Is.EqualTo("changed"));
    }

    [Test]
    public async Task Two_conditional_updates_sent_together_with_one_ETag_give_one_200_and_one_412()
    {
        var compute = await CreateComputeAsync();
        for (var round = 0; round < 20; round++)
        {
            var tag = await CurrentETagAsync(compute);
            var answers = await Task.WhenAll(
                RetitleAsync(compute, $"A{round}", ("If-Match", tag)),
                RetitleAsync(compute, $"B{round}", ("If-Match", tag)));
            var statuses = answers.Select(a => a.StatusCode).Order().ToArray();
            Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.PreconditionFailed }), $"round {round}");
            var winner = answers[0].StatusCode == HttpStatusCode.OK ? $"A{round}" : $"B{round}";
            Assert.That(await TitleAsync(compute), Is.EqualTo(winner), $"round {round}");
        }
    }

    [Test]
    public async Task Two_create_only_puts_sent_together_give_one_201_and_one_412()
    {
        for (var round = 0; round < 20; round++)
        {
            var path = $"/compute/etag-race-{round}";
            var answers = await Task.WhenAll(
                SendAsync(HttpMethod.Put, path, Replacement($"A{round}"), headers: ("If-None-Match", "*")),
                SendAsync(HttpMethod.Put, path, Replacement($"B{round}"), headers: ("If-None-Match", "*")));
            var statuses = answers.Select(a => a.StatusCode).Order().ToArray();
            Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.Created, HttpStatusCode.PreconditionFailed }), $"round {round}");
            var winner = answers[0].StatusCode == HttpStatusCode.Created ? $"A{round}" : $"B{round}";
            Assert.That(await TitleAsync(path), Is.EqualTo(winner), $"round {round}");
        }
    }

    [Test]
    public async Task A_conditional_update_that_loses_a_race_after_its_check_is_412_not_redone()
    {
        var gate = new CallGate();
        await Server.DisposeAsync();
        Server = await RunningServer.StartAsync(null, services => GatedBackend.Install(services, updates: gate), Settings);
        var compute = await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"original\"");
        var tag = await CurrentETagAsync(compute);

        gate.Close();
        var conditional = RetitleAsync(compute, "conditional", ("If-Match", tag));
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60)); // checked, and now in the backend
        // A plain action takes no gate: it lands while the conditional update is in the backend.
        await Expect(await SendAsync(HttpMethod.Post, compute + "?action=start", OcciText.Action("compute", "start")), HttpStatusCode.OK);
        gate.Open();

        var refused = await conditional;
        var text = await refused.Content.ReadAsStringAsync();
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed), text);
        Assert.That(text, Does.Contain("changed by another request"));
        Assert.That(await TitleAsync(compute), Is.EqualTo("original"));
    }
}
