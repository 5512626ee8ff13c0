using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

[TestFixture("Local")]
[TestFixture("LocalCreatedInactive")]
[TestFixture("Libvirt")]
public class ComputeLifecycleTests(string backend) : ServerTest(backend)
{
    [Test]
    public async Task Post_to_kind_location_creates_and_returns_201_with_Location()
    {
        var response = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.core.title=\"web\"");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        var location = response.Headers.Location!;
        Assert.That(location.IsAbsoluteUri, Is.True);
        Assert.That(location.AbsolutePath, Does.StartWith("/compute/"));
        Assert.That(OcciText.Locations(body), Is.EqualTo(new[] { location.ToString() }));
    }

    [Test]
    public async Task Get_created_compute_renders_kind_attributes_and_its_state()
    {
        var compute = await CreateComputeAsync("X-OCCI-Attribute: occi.core.title=\"web\"\nX-OCCI-Attribute: occi.compute.cores=2");
        var body = await GetTextAsync(compute);
        Assert.That(body, Does.Contain("Category: compute;"));
        Assert.That(OcciText.Attribute(body, "occi.core.title"), Is.EqualTo("web"));
        Assert.That(OcciText.Attribute(body, "occi.compute.cores"), Is.EqualTo("2"));
        Assert.That(OcciText.Attribute(body, "occi.compute.state"), Is.EqualTo(InitialComputeState));
        Assert.That(OcciText.Attribute(body, "occi.core.id"), Is.EqualTo(compute["/compute/".Length..]));
    }

    [Test]
    public async Task Inactive_compute_offers_the_start_action_link_only_for_allowed_actions()
    {
        var compute = await CreateInactiveComputeAsync();
        var body = await GetTextAsync(compute);
        Assert.That(body, Does.Contain($"<{compute}?action=start>"));
        Assert.That(body, Does.Not.Contain($"<{compute}?action=stop>"));
    }

    [Test]
    public async Task Start_action_makes_the_compute_active()
    {
        var compute = await CreateInactiveComputeAsync();
        var start = await SendAsync(HttpMethod.Post, compute + "?action=start", OcciText.Action("compute", "start"));
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.OK), await start.Content.ReadAsStringAsync());
        Assert.That(OcciText.Attribute(await GetTextAsync(compute), "occi.compute.state"), Is.EqualTo("active"));
    }

    [Test]
    public async Task Stop_on_an_inactive_compute_is_a_conflict_and_changes_nothing()
    {
        var compute = await CreateInactiveComputeAsync();
        var stop = await SendAsync(HttpMethod.Post, compute + "?action=stop", OcciText.Action("compute", "stop"));
        var text = await stop.Content.ReadAsStringAsync();
        Assert.That(stop.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), text);
        Assert.That(text, Does.Contain("stop").And.Contain("inactive"));
        Assert.That(OcciText.Attribute(await GetTextAsync(compute), "occi.compute.state"), Is.EqualTo("inactive"));
    }

    [Test]
    public async Task Action_with_an_invalid_method_attribute_is_a_bad_request()
    {
        var compute = await CreateInactiveComputeAsync();
        await SendAsync(HttpMethod.Post, compute + "?action=start", OcciText.Action("compute", "start"));
        var stop = await SendAsync(HttpMethod.Post, compute + "?action=stop", OcciText.Action("compute", "stop") + "\nX-OCCI-Attribute: method=\"explode\"");
        Assert.That(stop.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await stop.Content.ReadAsStringAsync(), Does.Contain("method"));
    }

    [Test]
    public async Task Action_term_must_match_the_action_category()
    {
        var compute = await CreateComputeAsync();
        var r = await SendAsync(HttpMethod.Post, compute + "?action=stop", OcciText.Action("compute", "start"));
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Delete_removes_the_compute()
    {
        var compute = await CreateComputeAsync();
        var delete = await SendAsync(HttpMethod.Delete, compute);
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await GetTextAsync(compute, HttpStatusCode.NotFound);
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/")), Is.Empty);
    }

    [Test]
    public async Task Get_unknown_entity_is_404_with_a_message()
    {
        var body = await GetTextAsync("/compute/does-not-exist", HttpStatusCode.NotFound);
        Assert.That(body, Does.Contain("/compute/does-not-exist"));
    }

    [Test]
    public async Task Client_chosen_occi_core_id_is_honoured()
    {
        var compute = await CreateComputeAsync("X-OCCI-Attribute: occi.core.id=\"77e5988e-528e-4e1e-925e-1b22714463f7\"");
        Assert.That(compute, Is.EqualTo("/compute/77e5988e-528e-4e1e-925e-1b22714463f7"));
    }

    [Test]
    public async Task Duplicate_occi_core_id_is_a_conflict()
    {
        await CreateComputeAsync("X-OCCI-Attribute: occi.core.id=\"twin\"");
        var again = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.core.id=\"twin\"");
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await again.Content.ReadAsStringAsync(), Does.Contain("twin"));
    }

    [Test]
    public async Task Os_and_resource_templates_apply_and_fill_cores_and_memory()
    {
        var model = await GetTextAsync("/-/");
        var resourceTpl = model.Split('\n').First(l => l.Contains("/mixin/resource_tpl/") && !l.Contains("term=\"resource_tpl\"") && !l.StartsWith("Category: resource_tpl;"));
        var term = resourceTpl["Category: ".Length..resourceTpl.IndexOf(';')];
        var scheme = resourceTpl.Split("scheme=\"")[1].Split('"')[0];
        var compute = await CreateComputeAsync($"Category: {term}; scheme=\"{scheme}\"; class=\"mixin\"");
        var body = await GetTextAsync(compute);
        Assert.That(body, Does.Contain($"Category: {term};"));
        Assert.That(OcciText.Attribute(body, "occi.compute.cores"), Is.Not.Null);
        Assert.That(OcciText.Attribute(body, "occi.compute.memory"), Is.Not.Null);
    }
}
