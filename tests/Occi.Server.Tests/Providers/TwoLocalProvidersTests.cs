using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Occi.Backends.Local;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests.Providers;

/// <summary>
/// Issue 19 over HTTP with two providers at once, both the simulator with different templates: discovery shows
/// both, creates land where the region or the kind says (checked on each simulator), links across them are refused,
/// a failing provider leaves the other answering, and an entity keeps its provider through a restart.
/// </summary>
public class TwoLocalProvidersTests : ProviderFixture
{
    protected override (string Key, string Value)[] Settings =>
        [.. EastAndWest, ("Occi:Resilience:Retries", "0"), ("Occi:Resilience:BreakerMinimumThroughput", "2")];

    [Test]
    public async Task Discovery_shows_every_providers_templates_kept_apart_by_scheme_and_their_regions()
    {
        var body = await GetTextAsync("/-/");
        Assert.That(body, Does.Contain($"Category: east; scheme=\"{RegionScheme}\"; class=\"mixin\""));
        Assert.That(body, Does.Contain($"Category: west; scheme=\"{RegionScheme}\"; class=\"mixin\""));
        Assert.That(body, Does.Contain("Category: region; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"mixin\""));
        Assert.That(body, Does.Contain("Category: ubuntu; scheme=\"http://occigateway.local/occi/infrastructure/os_tpl/east#\""));
        Assert.That(body, Does.Contain("Category: debian; scheme=\"http://occigateway.local/occi/infrastructure/os_tpl/west#\""));
        var ubuntu = body.Split('\n').Single(l => l.StartsWith("Category: ubuntu;", StringComparison.Ordinal));
        Assert.That(ubuntu, Does.Contain($"{RegionScheme}east").And.Contain("/east/mixin/os_tpl/ubuntu/\""), "the template relates to its region");
    }

    [Test]
    public async Task A_compute_with_a_region_mixin_is_created_at_that_provider_and_shows_its_region()
    {
        var compute = await CreatedAsync("/compute/", OcciText.ComputeCategory + "\n" + Region("west"));

        Assert.That(await HeldByAsync("west", "compute"), Has.Count.EqualTo(1));
        Assert.That(await HeldByAsync("east", "compute"), Is.Empty);
        Assert.That(await GetTextAsync(compute), Does.Contain(RegionCategory("west")));
        Assert.That(await GetTextAsync("/mixin/region/west/"), Does.Contain(compute));
    }

    [Test]
    public async Task Without_a_region_the_kind_decides_storage_claimed_by_west_and_compute_at_the_default()
    {
        var storage = await CreatedAsync("/storage/", OcciText.StorageCategory + "\nX-OCCI-Attribute: occi.storage.size=1");
        var compute = await CreatedAsync("/compute/", OcciText.ComputeCategory);

        Assert.That(await HeldByAsync("west", "storage"), Has.Count.EqualTo(1));
        Assert.That(await HeldByAsync("east", "storage"), Is.Empty);
        Assert.That(await HeldByAsync("east", "compute"), Has.Count.EqualTo(1));
        Assert.That(await GetTextAsync(storage), Does.Contain(RegionCategory("west")));
        Assert.That(await GetTextAsync(compute), Does.Contain(RegionCategory("east")));
    }

    [Test]
    public async Task A_providers_template_takes_the_compute_to_that_provider()
    {
        var compute = await CreatedAsync("/compute/", OcciText.ComputeCategory
            + "\nCategory: debian; scheme=\"http://occigateway.local/occi/infrastructure/os_tpl/west#\"; class=\"mixin\"");

        Assert.That(await HeldByAsync("west", "compute"), Has.Count.EqualTo(1));
        var body = await GetTextAsync(compute);
        Assert.That(body, Does.Contain("os_tpl/west#").And.Contain(RegionCategory("west")));
    }

    [Test]
    public async Task Mixins_of_two_providers_on_one_create_are_refused_with_409_and_nothing_is_created()
    {
        var response = await PostAsync("/compute/", OcciText.ComputeCategory + "\n" + Region("west")
            + "\nCategory: ubuntu; scheme=\"http://occigateway.local/occi/infrastructure/os_tpl/east#\"; class=\"mixin\"");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await response.Content.ReadAsStringAsync());
        Assert.That(await HeldByAsync("west", "compute"), Is.Empty);
        Assert.That(await HeldByAsync("east", "compute"), Is.Empty);
        Assert.That(OcciText.Locations(await GetTextAsync("/compute/")), Is.Empty);
    }

    [Test]
    public async Task Adding_another_providers_region_to_an_entity_is_refused_with_409_and_it_stays()
    {
        var compute = await CreatedAsync("/compute/", OcciText.ComputeCategory + "\n" + Region("west"));

        var response = await SendAsync(HttpMethod.Post, compute, OcciText.ComputeCategory + "\n" + Region("east"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await response.Content.ReadAsStringAsync());
        var body = await GetTextAsync(compute);
        Assert.That(body, Does.Contain(RegionCategory("west")).And.Not.Contain(RegionCategory("east")));
        Assert.That(await HeldByAsync("west", "compute"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_link_across_providers_is_refused_with_409_and_nothing_changes()
    {
        var compute = await CreatedAsync("/compute/", OcciText.ComputeCategory + "\n" + Region("east"));
        var storage = await CreatedAsync("/storage/", OcciText.StorageCategory + "\nX-OCCI-Attribute: occi.storage.size=1\n" + Region("west"));

        var response = await PostAsync("/link/storagelink/",
            "Category: storagelink; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\n"
            + $"X-OCCI-Attribute: occi.core.source=\"{compute}\"\nX-OCCI-Attribute: occi.core.target=\"{storage}\"");

        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), text);
        Assert.That(text, Does.Contain("'east'").And.Contain("'west'"));
        Assert.That(OcciText.Locations(await GetTextAsync("/link/storagelink/")), Is.Empty);
        Assert.That(await HeldByAsync("east", "storagelink"), Is.Empty);
        Assert.That(await HeldByAsync("west", "storagelink"), Is.Empty);
    }

    [Test]
    public async Task A_link_within_one_provider_is_created()
    {
        var compute = await CreatedAsync("/compute/", OcciText.ComputeCategory + "\n" + Region("west"));
        var storage = await CreatedAsync("/storage/", OcciText.StorageCategory + "\nX-OCCI-Attribute: occi.storage.size=1");

        await CreatedAsync("/link/storagelink/",
            "Category: storagelink; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\n"
            + $"X-OCCI-Attribute: occi.core.source=\"{compute}\"\nX-OCCI-Attribute: occi.core.target=\"{storage}\"");

        Assert.That(await HeldByAsync("west", "storagelink"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_provider_whose_breaker_is_open_answers_503_with_Retry_After_and_the_other_keeps_answering()
    {
        var atWest = await CreatedAsync("/compute/", OcciText.ComputeCategory + "\n" + Region("west"));
        var atEast = await CreatedAsync("/compute/", OcciText.ComputeCategory + "\n" + Region("east"));
        using var down = ProviderNamed("west").Services.GetRequiredService<LocalBackend>().InjectFailure((_, _) => true);

        HttpResponseMessage? answer = null;
        for (var i = 0; i < 10 && answer?.StatusCode != HttpStatusCode.ServiceUnavailable; i++)
            answer = await SendAsync(HttpMethod.Get, atWest, headers: ("Cache-Control", "no-cache"));
        Assert.That(answer!.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await answer.Content.ReadAsStringAsync());
        Assert.That(answer.Headers.RetryAfter, Is.Not.Null);
        Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain("west"));

        var east = await SendAsync(HttpMethod.Get, atEast, headers: ("Cache-Control", "no-cache"));
        Assert.That(east.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await CreatedAsync("/compute/", OcciText.ComputeCategory + "\n" + Region("east"));
        Assert.That(OcciText.Locations(await GetTextAsync("/-/")), Is.Not.Null, "the query interface answers");
        Assert.That(await GetTextAsync("/-/"), Does.Contain("os_tpl/west#"), "the failing provider keeps its last model");

        var ready = await Http.GetAsync("/readyz");
        var report = await ready.Content.ReadAsStringAsync();
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), report);
        Assert.That(report, Does.Contain("\"provider west\"").And.Contain("\"provider east\"").And.Contain("Degraded"));
    }

    [Test]
    public async Task An_entity_keeps_its_provider_through_a_restart()
    {
        var compute = await CreatedAsync("/compute/", OcciText.ComputeCategory + "\n" + Region("west"));

        Server = await Server.RestartAsync(Settings);

        var body = await GetTextAsync(compute);
        Assert.That(OcciText.Attribute(body, "occi.compute.state"), Is.EqualTo("active"), "west's simulator still holds it");
        Assert.That((await SendAsync(HttpMethod.Delete, compute)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await HeldByAsync("west", "compute"), Is.Empty, "the delete went to west");
    }

    [Test]
    public async Task Metrics_and_breaker_gauges_are_tagged_with_each_providers_name()
    {
        await CreatedAsync("/compute/", OcciText.ComputeCategory + "\n" + Region("west"));

        var scrape = await PrometheusScrape.GetAsync(Http);
        Assert.Multiple(() =>
        {
            Assert.That(scrape.BackendCallsOk(("occi_backend", "west"), ("occi_backend_operation", "create")), Is.EqualTo(1), scrape.Text);
            Assert.That(scrape.BackendCallsOk(("occi_backend", "east"), ("occi_backend_operation", "create")), Is.EqualTo(0));
            Assert.That(scrape.Has("occi_backend_circuit_state", ("occi_backend", "west")), Is.True);
            Assert.That(scrape.Has("occi_backend_circuit_state", ("occi_backend", "east")), Is.True);
        });
    }
}
