using System.Net;
using Occi.Server.Tests.Support;
using static Occi.Server.Tests.Support.TenantServer;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 14, isolation: bob (tenant-b) against alice's (tenant-a) entities on every route of the HTTP interface.
/// Another tenant's entity answers exactly as a missing one (status, headers, body apart from the location), and
/// nothing stored changes. Listings, filters, pages and collection-wide writes never reach another tenant's entities.
/// </summary>
public sealed class TenantIsolationTests
{
    private const string NetworkInterfaceCategory = "Category: networkinterface; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"";
    private const string DebianMixin = "/mixin/os_tpl/debian-12/";

    private TenantServer _tenants = null!;
    private Dictionary<string, string> _alice = null!; // role → alice's path
    private string _bobCompute = null!, _bobNetwork = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _tenants = await TenantServer.StartAsync();
        var compute = await _tenants.CreateAsync(Alice, "/compute/", OcciText.ComputeCategory
            + $"\nCategory: debian-12; scheme=\"{OsTplScheme}\"; class=\"mixin\"\nX-OCCI-Attribute: occi.core.title=\"alice-vm\"");
        var network = await _tenants.CreateAsync(Alice, "/network/", OcciText.NetworkCategory);
        var link = await _tenants.CreateAsync(Alice, "/link/networkinterface/",
            $"{NetworkInterfaceCategory}\nX-OCCI-Attribute: occi.core.source=\"{compute}\"\nX-OCCI-Attribute: occi.core.target=\"{network}\"");
        using var put = await _tenants.SendAsync(Alice, HttpMethod.Put, "/users/alice/vm1", OcciText.ComputeCategory);
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Created), await put.Content.ReadAsStringAsync());
        _alice = new() { ["compute"] = compute, ["network"] = network, ["link"] = link, ["own-path"] = "/users/alice/vm1" };
        _bobCompute = await _tenants.CreateAsync(Bob, "/compute/", OcciText.ComputeCategory);
        _bobNetwork = await _tenants.CreateAsync(Bob, "/network/", OcciText.NetworkCategory);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _tenants.DisposeAsync();

    /// <summary>One route: which of alice's entities it names ({T} its path, {ID} its id), the method, the path and the body.</summary>
    public sealed record Route(string Name, string Target, string Method, string Path, string? Body = null, string Accept = "text/plain",
        (string, string)[]? Headers = null)
    {
        public override string ToString() => Name;
    }

    private static readonly string Compute = OcciText.ComputeCategory;

    public static IEnumerable<Route> Routes() =>
    [
        new("GET entity", "compute", "GET", "{T}"),
        new("GET entity as JSON", "compute", "GET", "{T}", Accept: "application/occi+json"),
        new("GET entity as text/occi", "compute", "GET", "{T}", Accept: "text/occi"),
        new("HEAD entity", "compute", "HEAD", "{T}"),
        new("GET entity If-None-Match", "compute", "GET", "{T}", Headers: [("If-None-Match", "\"1\"")]),
        new("POST update", "compute", "POST", "{T}", "X-OCCI-Attribute: occi.core.title=\"taken\""),
        new("POST update with a mixin", "compute", "POST", "{T}", $"Category: small; scheme=\"{ResourceTplScheme}\"; class=\"mixin\""),
        new("POST update If-Match", "compute", "POST", "{T}", "X-OCCI-Attribute: occi.core.title=\"taken\"", Headers: [("If-Match", "\"1\"")]),
        new("POST action", "compute", "POST", "{T}?action=stop", OcciText.Action("compute", "stop")),
        new("POST action without a body", "compute", "POST", "{T}?action=restart"),
        new("DELETE entity", "compute", "DELETE", "{T}"),
        new("DELETE entity If-Match *", "compute", "DELETE", "{T}", Headers: [("If-Match", "*")]),
        new("GET link", "link", "GET", "{T}"),
        new("POST link update", "link", "POST", "{T}", "X-OCCI-Attribute: occi.core.title=\"taken\""),
        new("DELETE link", "link", "DELETE", "{T}"),
        new("GET network", "network", "GET", "{T}"),
        new("POST network action", "network", "POST", "{T}?action=down", OcciText.Action("network", "down")),
        new("GET in an own name-space", "own-path", "GET", "{T}"),
        new("DELETE in an own name-space", "own-path", "DELETE", "{T}"),
        new("link create: another tenant's target", "network", "POST", "/link/networkinterface/",
            $"{NetworkInterfaceCategory}\nX-OCCI-Attribute: occi.core.source=\"{{BOB}}\"\nX-OCCI-Attribute: occi.core.target=\"{{T}}\""),
        new("link create: another tenant's source", "compute", "POST", "/link/networkinterface/",
            $"{NetworkInterfaceCategory}\nX-OCCI-Attribute: occi.core.source=\"{{T}}\"\nX-OCCI-Attribute: occi.core.target=\"{{BOBNET}}\""),
        new("link create on / : another tenant's target", "network", "POST", "/",
            $"{NetworkInterfaceCategory}\nX-OCCI-Attribute: occi.core.source=\"{{BOB}}\"\nX-OCCI-Attribute: occi.core.target=\"{{T}}\""),
        new("create with an inline link to another tenant's network", "network", "POST", "/compute/",
            $"{Compute}\nLink: <{{T}}>; rel=\"http://schemas.ogf.org/occi/infrastructure#network\"; category=\"http://schemas.ogf.org/occi/infrastructure#networkinterface\""),
        new("update adding an inline link to another tenant's network", "network", "POST", "{BOB}",
            "Link: <{T}>; rel=\"http://schemas.ogf.org/occi/infrastructure#network\"; category=\"http://schemas.ogf.org/occi/infrastructure#networkinterface\""),
        new("PUT replace adding an inline link to another tenant's network", "network", "PUT", "{BOB}",
            $"{Compute}\nLink: <{{T}}>; rel=\"http://schemas.ogf.org/occi/infrastructure#network\"; category=\"http://schemas.ogf.org/occi/infrastructure#networkinterface\""),
        new("mixin association POST", "compute", "POST", DebianMixin, "X-OCCI-Location: {T}"),
        new("mixin association PUT", "compute", "PUT", DebianMixin, "X-OCCI-Location: {T}"),
        new("mixin dissociation DELETE", "compute", "DELETE", DebianMixin, "X-OCCI-Location: {T}"),
        new("kind collection filtered by id", "compute", "GET", "/compute/", "X-OCCI-Attribute: occi.core.id=\"{ID}\""),
        new("link collection filtered by source", "compute", "GET", "/link/", "X-OCCI-Attribute: occi.core.source=\"{T}\""),
        new("link collection filtered by target, JSON", "network", "GET", "/link/", "X-OCCI-Attribute: occi.core.target=\"{T}\"", Accept: "application/occi+json"),
        new("name-space filtered by id", "compute", "GET", "/", "X-OCCI-Attribute: occi.core.id=\"{ID}\""),
    ];

    [TestCaseSource(nameof(Routes))]
    public async Task Another_tenants_entity_answers_as_a_missing_one_and_nothing_changes(Route route)
    {
        var target = _alice[route.Target];
        var missing = Missing(target);
        var before = await _tenants.StoreSnapshotAsync();
        string Fill(string s) => s.Replace("{BOBNET}", _bobNetwork).Replace("{BOB}", _bobCompute);

        var (status, body) = await _tenants.AssertAnsweredAsMissingAsync(Bob, route.Method, Fill(route.Path), route.Body is null ? null : Fill(route.Body),
            route.Accept, route.Headers ?? [], ("{T}", target, missing), ("{ID}", LastSegment(target), LastSegment(missing)));

        Assert.That(status, Is.AnyOf(200, 400, 404, 405), body);
        Assert.That(await _tenants.StoreSnapshotAsync(), Is.EqualTo(before), "nothing stored changed");
    }

    [Test]
    public async Task A_put_at_another_tenants_location_is_409_and_changes_nothing()
    {
        // The name-space is the server's: a location another tenant holds cannot be created again, nor replaced.
        var before = await _tenants.StoreSnapshotAsync();
        using var put = await _tenants.SendAsync(Bob, HttpMethod.Put, _alice["compute"], OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.core.title=\"taken\"");
        var body = await put.Content.ReadAsStringAsync();
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), body);
        Assert.That(body, Does.Not.Contain("alice").And.Not.Contain("tenant-a"));
        Assert.That(await _tenants.StoreSnapshotAsync(), Is.EqualTo(before));
    }

    [TestCase("/")]
    [TestCase("/compute/")]
    [TestCase("/compute/?page=1&number=50")]
    [TestCase("/compute/?page=2&number=1")]
    [TestCase("/network/")]
    [TestCase("/link/")]
    [TestCase("/link/networkinterface/")]
    [TestCase(DebianMixin)]
    public async Task Listings_show_none_of_another_tenants_entities(string path)
    {
        foreach (var accept in new[] { "text/plain", "text/uri-list", "application/occi+json", "text/occi" })
        {
            using var response = await _tenants.SendAsync(Bob, HttpMethod.Get, path, accept: accept);
            var text = await response.Content.ReadAsStringAsync() + string.Join("\n", response.Headers.Select(h => h.Key + ": " + string.Join(",", h.Value)));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
            foreach (var theirs in _alice.Values) Assert.That(text, Does.Not.Contain(LastSegment(theirs)), $"{accept} of {path}");
            Assert.That(text, Does.Not.Contain("alice-vm"));
        }
    }

    [Test]
    public async Task Filters_by_attribute_and_category_find_no_other_tenants_entity()
    {
        using var byTitle = await _tenants.SendAsync(Bob, HttpMethod.Get, "/compute/", "X-OCCI-Attribute: occi.core.title=\"alice-vm\"", accept: "text/uri-list");
        Assert.That(OcciText.Locations(await byTitle.Content.ReadAsStringAsync()), Is.Empty);
        using var byMixin = await _tenants.SendAsync(Bob, HttpMethod.Get, "/", $"Category: debian-12; scheme=\"{OsTplScheme}\"; class=\"mixin\"", accept: "text/uri-list");
        Assert.That(OcciText.Locations(await byMixin.Content.ReadAsStringAsync()), Is.Empty);
        // …while alice finds her own.
        using var hers = await _tenants.SendAsync(Alice, HttpMethod.Get, "/compute/", "X-OCCI-Attribute: occi.core.title=\"alice-vm\"", accept: "text/uri-list");
        Assert.That(OcciText.Locations(await hers.Content.ReadAsStringAsync()).Select(l => new Uri(l).AbsolutePath), Is.EqualTo(new[] { _alice["compute"] }));
    }

    [Test]
    public async Task A_name_space_of_another_tenant_is_404_as_a_missing_one_and_its_delete_removes_nothing()
    {
        var before = await _tenants.StoreSnapshotAsync();
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete })
        {
            using var theirs = await _tenants.SendAsync(Bob, method, "/users/alice/");
            using var nothing = await _tenants.SendAsync(Bob, method, "/users/zzzzz/");
            Assert.That(theirs.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await theirs.Content.ReadAsStringAsync()).Replace("/users/alice/", "{P}"),
                Is.EqualTo((await nothing.Content.ReadAsStringAsync()).Replace("/users/zzzzz/", "{P}")));
        }
        Assert.That(await _tenants.StoreSnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Collection_wide_actions_and_deletes_touch_only_the_callers_entities()
    {
        var aliceBefore = (await _tenants.StoreSnapshotAsync()).Where(e => _alice.ContainsValue(e.Key)).ToArray();
        var bobExtra = await _tenants.CreateAsync(Bob, "/compute/", OcciText.ComputeCategory);
        using (var stop = await _tenants.SendAsync(Bob, HttpMethod.Post, "/compute/?action=stop", OcciText.Action("compute", "stop")))
            Assert.That(stop.StatusCode, Is.EqualTo(HttpStatusCode.OK), await stop.Content.ReadAsStringAsync());
        using (var mixinDelete = await _tenants.SendAsync(Bob, HttpMethod.Put, DebianMixin, "X-OCCI-Location: " + bobExtra))
            Assert.That(mixinDelete.StatusCode, Is.EqualTo(HttpStatusCode.OK), await mixinDelete.Content.ReadAsStringAsync());
        using (var deleteKind = await _tenants.SendAsync(Bob, HttpMethod.Delete, "/compute/"))
            Assert.That(deleteKind.StatusCode, Is.EqualTo(HttpStatusCode.OK), await deleteKind.Content.ReadAsStringAsync());
        using (var deleteAll = await _tenants.SendAsync(Bob, HttpMethod.Delete, "/"))
            Assert.That(deleteAll.StatusCode, Is.EqualTo(HttpStatusCode.OK), await deleteAll.Content.ReadAsStringAsync());

        var after = await _tenants.StoreSnapshotAsync();
        Assert.That(after.Where(e => _alice.ContainsValue(e.Key)).ToArray(), Is.EqualTo(aliceBefore), "alice's entities, mixins included, are as they were");
        Assert.That(after.Keys, Does.Not.Contain(_bobCompute).And.Not.Contain(bobExtra), "bob's own are gone");
        // Bob's are recreated for the other tests of this fixture.
        _bobCompute = await _tenants.CreateAsync(Bob, "/compute/", OcciText.ComputeCategory);
        _bobNetwork = await _tenants.CreateAsync(Bob, "/network/", OcciText.NetworkCategory);
    }

}
