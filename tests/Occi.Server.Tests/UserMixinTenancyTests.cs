using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.StoreContracts;
using Occi.Server.Tests.Support;
using static Occi.Server.Tests.Support.TenantServer;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 14: user mixins are scoped to the tenant that defined them. To another tenant alice's mixin does not exist:
/// not listed in the query interface, no collection at its location, not usable on an entity, not deletable; each
/// answer the same as for a mixin nobody defined. An admin sees it, and applies it only to alice's entities.
/// </summary>
public sealed class UserMixinTenancyTests
{
    private const string Scheme = "http://tags.example.org/occi#";
    private TenantServer _tenants = null!;
    private string _alicesCompute = null!, _bobsCompute = null!;

    private static string Definition(string term) => $"Category: {term}; scheme=\"{Scheme}\"; class=\"mixin\"; location=\"/{term}/\"";
    private static string Use(string term) => $"Category: {term}; scheme=\"{Scheme}\"; class=\"mixin\"";

    [SetUp]
    public async Task Start()
    {
        _tenants = await TenantServer.StartAsync();
        using (var define = await _tenants.SendAsync(Alice, HttpMethod.Post, "/-/", Definition("alicetag")))
            Assert.That(define.StatusCode, Is.EqualTo(HttpStatusCode.OK), await define.Content.ReadAsStringAsync());
        _alicesCompute = await _tenants.CreateAsync(Alice, "/compute/", OcciText.ComputeCategory);
        using (var tag = await _tenants.SendAsync(Alice, HttpMethod.Post, "/alicetag/", "X-OCCI-Location: " + _alicesCompute))
            Assert.That(tag.StatusCode, Is.EqualTo(HttpStatusCode.OK), await tag.Content.ReadAsStringAsync());
        _bobsCompute = await _tenants.CreateAsync(Bob, "/compute/", OcciText.ComputeCategory);
    }

    [TearDown]
    public async Task Stop() => await _tenants.DisposeAsync();

    public static IEnumerable<TestCaseData> Routes()
    {
        yield return new TestCaseData("GET", "/{M}/", null).SetName("GET its collection");
        yield return new TestCaseData("GET", "/{M}", null).SetName("GET its collection without the slash");
        yield return new TestCaseData("GET", "/{MU}/", null).SetName("GET its collection in another case");
        yield return new TestCaseData("POST", "/{M}/", "X-OCCI-Location: {BOB}").SetName("POST an association");
        yield return new TestCaseData("PUT", "/{M}/", "X-OCCI-Location: {BOB}").SetName("PUT the members");
        yield return new TestCaseData("DELETE", "/{M}/", "X-OCCI-Location: {ALICE}").SetName("DELETE a member");
        yield return new TestCaseData("DELETE", "/{M}/", null).SetName("DELETE its collection");
        yield return new TestCaseData("POST", "/compute/", OcciText.ComputeCategory + "\n" + Use("{M}")).SetName("create with it");
        yield return new TestCaseData("POST", "{BOB}", Use("{M}")).SetName("update adding it");
        yield return new TestCaseData("PUT", "{BOB}", OcciText.ComputeCategory + "\n" + Use("{M}")).SetName("replace with it");
        yield return new TestCaseData("DELETE", "/-/", Use("{M}")).SetName("delete its definition");
        yield return new TestCaseData("DELETE", $"/-/?category={Uri.EscapeDataString(Scheme)}{{M}}", null).SetName("delete its definition by ?category=");
        yield return new TestCaseData("GET", "/-/", Use("{M}")).SetName("query interface filtered by it");
        yield return new TestCaseData("GET", "/compute/", Use("{M}")).SetName("kind collection filtered by it");
    }

    [TestCaseSource(nameof(Routes))]
    public async Task Another_tenants_user_mixin_answers_as_one_nobody_defined(string method, string path, string? body)
    {
        var mixins = await _tenants.Server.Services.GetRequiredService<ICategoryStore>().ListUserMixinsAsync(CancellationToken.None);
        var before = await _tenants.StoreSnapshotAsync();
        string Fill(string s) => s.Replace("{BOB}", _bobsCompute).Replace("{ALICE}", _alicesCompute);

        var (status, text) = await _tenants.AssertAnsweredAsMissingAsync(Bob, method, Fill(path), body is null ? null : Fill(body), "text/plain", [],
            ("{M}", "alicetag", "othertag"), ("{MU}", "ALICETAG", "OTHERTAG"));

        Assert.That(status, Is.Not.EqualTo(500), text);
        Assert.That(text, Does.Not.Contain("tenant-a"));
        Assert.That(await _tenants.StoreSnapshotAsync(), Is.EqualTo(before));
        var after = await _tenants.Server.Services.GetRequiredService<ICategoryStore>().ListUserMixinsAsync(CancellationToken.None);
        Assert.That(after.Select(m => (m.Id, m.Owner)), Is.EqualTo(mixins.Select(m => (m.Id, m.Owner))));
    }

    [Test]
    public async Task The_query_interface_lists_a_user_mixin_to_its_tenant_and_admins_only()
    {
        Assert.That(await _tenants.GetTextAsync(Alice, "/-/"), Does.Contain("alicetag"));
        Assert.That(await _tenants.GetTextAsync(Root, "/-/"), Does.Contain("alicetag"));
        foreach (var accept in new[] { "text/plain", "application/occi+json", "text/occi" })
        {
            using var bobs = await _tenants.SendAsync(Bob, HttpMethod.Get, "/-/", accept: accept);
            var all = await bobs.Content.ReadAsStringAsync() + string.Join("\n", bobs.Headers.Select(h => string.Join(",", h.Value)));
            Assert.That(all, Does.Not.Contain("alicetag").And.Contain("compute"), accept);
        }
        // Twice, so a cached rendering of the whole model could not hand alice's mixin to bob either.
        Assert.That(await _tenants.GetTextAsync(Alice, "/-/"), Does.Contain("alicetag"));
        Assert.That(await _tenants.GetTextAsync(Bob, "/-/"), Does.Not.Contain("alicetag"));
    }

    [Test]
    public async Task Two_tenants_keep_their_own_mixins_and_members()
    {
        using (var define = await _tenants.SendAsync(Bob, HttpMethod.Post, "/-/", Definition("bobtag")))
            Assert.That(define.StatusCode, Is.EqualTo(HttpStatusCode.OK), await define.Content.ReadAsStringAsync());
        using (var tag = await _tenants.SendAsync(Bob, HttpMethod.Post, "/bobtag/", "X-OCCI-Location: " + _bobsCompute))
            Assert.That(tag.StatusCode, Is.EqualTo(HttpStatusCode.OK), await tag.Content.ReadAsStringAsync());
        Assert.That(await _tenants.GetTextAsync(Alice, "/-/"), Does.Not.Contain("bobtag"));
        Assert.That(OcciText.Locations(await _tenants.GetTextAsync(Alice, "/alicetag/")).Select(l => new Uri(l).AbsolutePath), Is.EqualTo(new[] { _alicesCompute }));
        Assert.That(OcciText.Locations(await _tenants.GetTextAsync(Bob, "/bobtag/")).Select(l => new Uri(l).AbsolutePath), Is.EqualTo(new[] { _bobsCompute }));
        using var delete = await _tenants.SendAsync(Alice, HttpMethod.Delete, "/-/", Use("alicetag"));
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK), await delete.Content.ReadAsStringAsync());
        Assert.That(OcciText.Locations(await _tenants.GetTextAsync(Bob, "/bobtag/")), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task An_admin_lists_a_tenants_mixin_but_applies_it_only_to_that_tenants_entities()
    {
        Assert.That(OcciText.Locations(await _tenants.GetTextAsync(Root, "/alicetag/")).Select(l => new Uri(l).AbsolutePath), Is.EqualTo(new[] { _alicesCompute }));
        var before = await _tenants.StoreSnapshotAsync();
        using var cross = await _tenants.SendAsync(Root, HttpMethod.Post, "/alicetag/", "X-OCCI-Location: " + _bobsCompute);
        var body = await cross.Content.ReadAsStringAsync();
        Assert.That(cross.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(body, Does.Contain("applies only to that tenant's entities"));
        using var own = await _tenants.SendAsync(Root, HttpMethod.Post, "/compute/", OcciText.ComputeCategory + "\n" + Use("alicetag"));
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await own.Content.ReadAsStringAsync());
        Assert.That(await _tenants.StoreSnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Identities_are_the_servers_so_another_tenants_cannot_be_defined_again_and_its_tenant_is_not_named()
    {
        using var again = await _tenants.SendAsync(Bob, HttpMethod.Post, "/-/", Definition("alicetag"));
        var body = await again.Content.ReadAsStringAsync();
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), body);
        Assert.That(body, Does.Not.Contain("tenant-a"));
        using var sameLocation = await _tenants.SendAsync(Bob, HttpMethod.Post, "/-/", $"Category: other; scheme=\"{Scheme}\"; class=\"mixin\"; location=\"/alicetag/\"");
        var text = await sameLocation.Content.ReadAsStringAsync();
        Assert.That(sameLocation.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), text);
        Assert.That(text, Does.Not.Contain(Scheme + "alicetag"));
    }

    [Test]
    public async Task The_owner_is_stored_with_the_definition()
    {
        var stored = await _tenants.Server.Services.GetRequiredService<ICategoryStore>().ListUserMixinsAsync(CancellationToken.None);
        Assert.That(stored.Single(m => m.Term == "alicetag").Owner, Is.EqualTo("tenant-a"));
    }
}
