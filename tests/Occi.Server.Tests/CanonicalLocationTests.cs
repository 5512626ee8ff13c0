using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 11 item 10: one location per entity. Paths are case-sensitive and an entity is put only where it can
/// be found again (below its kind's location, or a path of the client's own); a path that leads nowhere is
/// 404; a query parameter that means nothing where it is sent is 400. Every refusal leaves the state as it was.
/// </summary>
public class CanonicalLocationTests : ServerTest
{
    private async Task<IReadOnlyList<string>> ComputesAsync() => OcciText.Locations(await GetTextAsync("/compute/"));

    private async Task<string> RefusedAsync(HttpResponseMessage r, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.That(r.StatusCode, Is.EqualTo(status), text);
        Assert.That(r.Headers.Location, Is.Null);
        return text;
    }

    [Test]
    public async Task Put_below_a_kind_location_in_another_case_is_400_and_creates_nothing()
    {
        var text = await RefusedAsync(await SendAsync(HttpMethod.Put, "/COMPUTE/UP1", OcciText.ComputeCategory));
        Assert.That(text, Does.Contain("case-sensitive").And.Contain("/compute/"));
        Assert.That(await ComputesAsync(), Is.Empty);
        await GetTextAsync("/COMPUTE/UP1", HttpStatusCode.NotFound);
        await GetTextAsync("/compute/UP1", HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Get_of_a_kind_location_in_another_case_is_404_naming_the_location_meant()
    {
        await CreateComputeAsync();
        var text = await GetTextAsync("/COMPUTE/", HttpStatusCode.NotFound);
        Assert.That(text, Does.Contain("did you mean /compute/"));
    }

    [Test]
    public async Task Put_with_a_path_parameter_is_400_and_creates_nothing()
    {
        var text = await RefusedAsync(await SendAsync(HttpMethod.Put, "/compute/vm1;jsessionid=1", OcciText.ComputeCategory));
        Assert.That(text, Does.Contain("vm1;jsessionid=1"));
        Assert.That(await ComputesAsync(), Is.Empty);
        await GetTextAsync("/compute/vm1", HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Put_of_a_compute_in_the_storage_collection_is_400()
    {
        var text = await RefusedAsync(await SendAsync(HttpMethod.Put, "/storage/vm1", OcciText.ComputeCategory));
        Assert.That(text, Does.Contain("/compute/"));
        Assert.That(await ComputesAsync(), Is.Empty);
        await GetTextAsync("/storage/vm1", HttpStatusCode.NotFound);
    }

    [TestCase("/compute/group/vm1")]
    [TestCase("/mixin/os_tpl/vm1")]
    [TestCase("/-/vm1")]
    public async Task Put_below_a_collection_or_the_query_interface_is_400(string path)
    {
        await RefusedAsync(await SendAsync(HttpMethod.Put, path, OcciText.ComputeCategory));
        Assert.That(await ComputesAsync(), Is.Empty);
    }

    [Test]
    public async Task Put_whose_occi_core_id_is_not_the_last_segment_is_400()
    {
        var text = await RefusedAsync(await SendAsync(HttpMethod.Put, "/compute/vm1", OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.core.id=\"vm2\""));
        Assert.That(text, Does.Contain("occi.core.id"));
        Assert.That(await ComputesAsync(), Is.Empty);
    }

    [Test]
    public async Task Delete_with_a_query_is_400_and_deletes_nothing()
    {
        var compute = await CreateComputeAsync();
        var text = await RefusedAsync(await SendAsync(HttpMethod.Delete, compute + "?action=up"));
        Assert.That(text, Does.Contain("action"));
        await GetTextAsync(compute);
        Assert.That(await ComputesAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Delete_of_a_collection_with_a_query_is_400_and_deletes_nothing()
    {
        await CreateComputeAsync();
        await RefusedAsync(await SendAsync(HttpMethod.Delete, "/compute/?page=1"));
        Assert.That(await ComputesAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task An_update_with_an_unknown_query_parameter_is_400_and_changes_nothing()
    {
        var compute = await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"old\"");
        var text = await RefusedAsync(await SendAsync(HttpMethod.Post, compute + "?dryrun=1", OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.core.title=\"new\""));
        Assert.That(text, Does.Contain("dryrun"));
        Assert.That(OcciText.Attribute(await GetTextAsync(compute), "occi.core.title"), Is.EqualTo("old"));
    }

    [Test]
    public async Task A_repeated_action_parameter_is_400_and_nothing_runs()
    {
        var compute = await CreateInactiveComputeAsync();
        await RefusedAsync(await SendAsync(HttpMethod.Post, compute + "?action=start&action=start", OcciText.Action("compute", "start")));
        Assert.That(OcciText.Attribute(await GetTextAsync(compute), "occi.compute.state"), Is.EqualTo("inactive"));
    }

    [Test]
    public async Task A_get_with_an_unknown_query_parameter_is_400()
    {
        await RefusedAsync(await SendAsync(HttpMethod.Get, "/compute/?pgae=2"));
    }

    [Test]
    public async Task Get_and_delete_of_a_path_that_leads_nowhere_are_404_and_delete_nothing()
    {
        await CreateComputeAsync();
        await GetTextAsync("/nope/", HttpStatusCode.NotFound);
        await RefusedAsync(await SendAsync(HttpMethod.Delete, "/nope/"), HttpStatusCode.NotFound);
        Assert.That(await ComputesAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Name_space_paths_below_which_entities_lie_are_listed_and_deleted()
    {
        var put = await SendAsync(HttpMethod.Put, "/users/alice/vm1", OcciText.ComputeCategory);
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Created), await put.Content.ReadAsStringAsync());
        Assert.That(OcciText.Locations(await GetTextAsync("/users/")), Is.EqualTo(new[] { Server.Root + "/users/alice/vm1" }));
        Assert.That(OcciText.Locations(await GetTextAsync("/users/alice/")), Is.EqualTo(new[] { Server.Root + "/users/alice/vm1" }));
        Assert.That((await SendAsync(HttpMethod.Delete, "/users/")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await GetTextAsync("/users/alice/vm1", HttpStatusCode.NotFound);
        await GetTextAsync("/users/", HttpStatusCode.NotFound);
    }

    [TestCase("/")]
    [TestCase("/link/")]
    [TestCase("/mixin/")]
    public async Task Paths_that_lead_to_collections_list_even_when_empty(string path)
    {
        Assert.That(OcciText.Locations(await GetTextAsync(path)), Is.Empty);
    }

    [Test]
    public async Task A_user_mixins_collection_path_still_lists_and_takes_members()
    {
        var define = await SendAsync(HttpMethod.Post, "/-/", "Category: gold; scheme=\"http://example.org/tags#\"; class=\"mixin\"; location=\"/tags/gold/\"");
        Assert.That(define.StatusCode, Is.EqualTo(HttpStatusCode.OK), await define.Content.ReadAsStringAsync());
        Assert.That(OcciText.Locations(await GetTextAsync("/tags/gold/")), Is.Empty);
        Assert.That(OcciText.Locations(await GetTextAsync("/tags/")), Is.Empty);
        var compute = await CreateComputeAsync();
        var add = await SendAsync(HttpMethod.Post, "/tags/gold/", $"X-OCCI-Location: {Server.Root}{compute}");
        Assert.That(add.StatusCode, Is.EqualTo(HttpStatusCode.OK), await add.Content.ReadAsStringAsync());
        Assert.That(OcciText.Locations(await GetTextAsync("/tags/gold/")), Is.EqualTo(new[] { Server.Root + compute }));
    }

    [Test]
    public async Task Paging_and_action_parameters_still_work_where_they_mean_something()
    {
        var compute = await CreateInactiveComputeAsync();
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/?page=1&number=1")), Is.EqualTo(new[] { Server.Root + compute }));
        var start = await SendAsync(HttpMethod.Post, compute + "?ACTION=start", OcciText.Action("compute", "start"));
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.OK), await start.Content.ReadAsStringAsync());
    }
}
