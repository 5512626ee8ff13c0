using System.Net;
using System.Text.Json;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>Issue 10 item 4: filters select before paging, and occi.core.id/source/target are filters like any attribute.</summary>
public class FilterTests : ServerTest
{
    private const string Gold = "Category: gold; scheme=\"http://example.org/tags#\"; class=\"mixin\"";
    private const string Fast = "Category: fast; scheme=\"http://example.org/tags#\"; class=\"mixin\"";

    private async Task AddMixinAsync(string term)
    {
        var r = await SendAsync(HttpMethod.Post, "/-/", $"Category: {term}; scheme=\"http://example.org/tags#\"; class=\"mixin\"; location=\"/tags/{term}/\"");
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
    }

    private async Task<List<string>> ComputesAsync(int count, string title)
    {
        var made = new List<string>();
        for (var i = 0; i < count; i++) made.Add(Server.Root + await CreateComputeAsync($"X-OCCI-Attribute: occi.core.title=\"{title}\""));
        return made;
    }

    private async Task<IReadOnlyList<string>> PageAsync(string path, string accept = "text/plain", params (string, string)[] headers)
    {
        var r = await SendAsync(HttpMethod.Get, path, accept: accept, headers: headers);
        var body = await r.Content.ReadAsStringAsync();
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        if (accept != "application/occi+json") return OcciText.Locations(body);
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.TryGetProperty("resources", out var resources)
            ? resources.EnumerateArray().Select(e => e.GetProperty("location").GetString()!).ToArray()
            : [];
    }

    [TestCase("text/plain")]
    [TestCase("text/uri-list")]
    [TestCase("application/occi+json")]
    public async Task Attribute_filter_pages_through_the_matches_only(string accept)
    {
        await ComputesAsync(4, "db");
        var web = await ComputesAsync(3, "web");
        await ComputesAsync(4, "db");
        var filter = ("X-OCCI-Attribute", "occi.core.title=\"web\"");
        var page1 = await PageAsync("/compute/?page=1&number=2", accept, filter);
        var page2 = await PageAsync("/compute/?page=2&number=2", accept, filter);
        Assert.That(page1, Has.Count.EqualTo(2));
        Assert.That(page2, Has.Count.EqualTo(1));
        Assert.That(page1.Concat(page2), Is.EquivalentTo(web));
    }

    [TestCase("text/plain")]
    [TestCase("text/uri-list")]
    [TestCase("application/occi+json")]
    public async Task Mixin_category_filter_pages_through_the_members_only(string accept)
    {
        await AddMixinAsync("gold");
        await ComputesAsync(5, "plain");
        var gold = await ComputesAsync(3, "gold");
        await ComputesAsync(5, "plain");
        var r = await SendAsync(HttpMethod.Post, "/tags/gold/", string.Join("\n", gold.Select(g => "X-OCCI-Location: " + g)));
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());

        var page1 = await PageAsync("/compute/?page=1&number=2", accept, ("Category", Gold["Category: ".Length..]));
        var page2 = await PageAsync("/compute/?page=2&number=2", accept, ("Category", Gold["Category: ".Length..]));
        Assert.That(page1, Has.Count.EqualTo(2));
        Assert.That(page1.Concat(page2), Is.EquivalentTo(gold));
    }

    [Test]
    public async Task Two_mixin_categories_select_entities_with_both_before_paging()
    {
        await AddMixinAsync("gold");
        await AddMixinAsync("fast");
        var all = await ComputesAsync(8, "any");
        var both = all.Take(5).ToArray();
        await SendAsync(HttpMethod.Post, "/tags/gold/", string.Join("\n", all.Take(5).Select(g => "X-OCCI-Location: " + g)));
        await SendAsync(HttpMethod.Post, "/tags/fast/", string.Join("\n", all.Take(5).Concat(all.Skip(6)).Select(g => "X-OCCI-Location: " + g)));

        var filter = ("Category", Gold["Category: ".Length..] + ", " + Fast["Category: ".Length..]);
        var pages = new List<string>();
        for (var p = 1; p <= 3; p++) pages.AddRange(await PageAsync($"/compute/?page={p}&number=2", "text/plain", filter));
        Assert.That(pages, Is.EquivalentTo(both));
        Assert.That(await PageAsync("/compute/?page=1&number=2", "text/plain", filter), Has.Count.EqualTo(2));
    }

    [TestCase("text/plain")]
    [TestCase("application/occi+json")]
    public async Task Filter_by_occi_core_id_finds_the_entity(string accept)
    {
        var computes = await ComputesAsync(3, "x");
        var id = computes[1][(computes[1].LastIndexOf('/') + 1)..];
        var found = await PageAsync("/compute/", accept, ("X-OCCI-Attribute", $"occi.core.id=\"{id}\""));
        Assert.That(found, Is.EqualTo(new[] { computes[1] }));
        Assert.That(await PageAsync("/", accept, ("X-OCCI-Attribute", $"occi.core.id=\"{id}\"")), Is.EqualTo(new[] { computes[1] }));
    }

    [Test]
    public async Task Filter_by_link_source_or_target_finds_the_links_of_a_resource()
    {
        var network = await CreateAsync("/network/", OcciText.NetworkCategory);
        var link = $"Link: <{network}>; rel=\"{OcciText.Infra}network\"; category=\"{OcciText.Infra}networkinterface\"";
        var a = await CreateComputeAsync(link);
        await CreateComputeAsync(link);
        var all = OcciText.Locations(await GetTextAsync("/link/networkinterface/"));
        Assert.That(all, Has.Count.EqualTo(2));

        var bySource = OcciText.Locations(await GetFilteredAsync("/link/networkinterface/", ("X-OCCI-Attribute", $"occi.core.source=\"{a}\"")));
        var bySourceUrl = OcciText.Locations(await GetFilteredAsync("/link/networkinterface/", ("X-OCCI-Attribute", $"occi.core.source=\"{Server.Root}{a}\"")));
        var byTarget = OcciText.Locations(await GetFilteredAsync("/link/networkinterface/", ("X-OCCI-Attribute", $"occi.core.target=\"{network}\"")));
        var resourcesWithSource = OcciText.Locations(await GetFilteredAsync("/compute/", ("X-OCCI-Attribute", $"occi.core.source=\"{a}\"")));

        Assert.That(bySource, Has.Count.EqualTo(1));
        Assert.That(all, Does.Contain(bySource[0]));
        Assert.That(await GetTextAsync(new Uri(bySource[0]).AbsolutePath), Does.Contain(a + "\""));
        Assert.That(bySourceUrl, Is.EqualTo(bySource));
        Assert.That(byTarget, Is.EquivalentTo(all));
        Assert.That(resourcesWithSource, Is.Empty);
    }

    private async Task<string> GetFilteredAsync(string path, params (string, string)[] headers)
    {
        var r = await SendAsync(HttpMethod.Get, path, headers: headers);
        var body = await r.Content.ReadAsStringAsync();
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return body;
    }
}
