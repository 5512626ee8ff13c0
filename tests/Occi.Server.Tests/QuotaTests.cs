using System.Net;
using Occi.Infrastructure.Kinds;
using Occi.Server.Tests.Support;
using static Occi.Server.Tests.Support.TenantServer;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 14, Occi:Quotas: each limit refuses the create that would pass it with 409 naming the limit, the use and
/// the request, and stores nothing; resizes and template changes count; racing creates never pass a limit together.
/// </summary>
public sealed class QuotaTests
{
    private const string NetworkInterfaceCategory = "Category: networkinterface; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"";
    private TenantServer? _tenants;

    private async Task<TenantServer> StartAsync(params (string Key, string Value)[] settings) => _tenants = await TenantServer.StartAsync(settings);

    [TearDown]
    public async Task Stop()
    {
        if (_tenants is not null) await _tenants.DisposeAsync();
    }

    private static string ComputeWith(int cores, double memory) =>
        OcciText.ComputeCategory + $"\nX-OCCI-Attribute: occi.compute.cores={cores}\nX-OCCI-Attribute: occi.compute.memory={memory}";

    private static string StorageOf(double size) => OcciText.StorageCategory + $"\nX-OCCI-Attribute: occi.storage.size={size}";

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string limit)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), body);
        Assert.That(body, Does.Contain("quota exceeded for tenant tenant-a").And.Contain(limit));
    }

    public static IEnumerable<TestCaseData> Limits()
    {
        yield return new TestCaseData("Instances", "2", "/compute/", ComputeWith(1, 1), ComputeWith(1, 1), 2, "Instances limit 2, in use 2, requested 1").SetName("Instances");
        yield return new TestCaseData("Cores", "4", "/compute/", ComputeWith(2, 1), ComputeWith(3, 1), 1, "Cores limit 4, in use 2, requested 3").SetName("Cores");
        yield return new TestCaseData("MemoryGiB", "8", "/compute/", ComputeWith(1, 6), ComputeWith(1, 4), 1, "MemoryGiB limit 8, in use 6, requested 4").SetName("MemoryGiB");
        yield return new TestCaseData("StorageGiB", "100", "/storage/", StorageOf(60), StorageOf(50), 1, "StorageGiB limit 100, in use 60, requested 50").SetName("StorageGiB");
        yield return new TestCaseData("Networks", "1", "/network/", OcciText.NetworkCategory, OcciText.NetworkCategory, 1, "Networks limit 1, in use 1, requested 1").SetName("Networks");
    }

    [TestCaseSource(nameof(Limits))]
    public async Task A_create_past_a_limit_is_409_naming_limit_use_and_request_and_stores_nothing(string key, string limit, string collection,
        string fits, string passes, int fitting, string message)
    {
        var tenants = await StartAsync(($"Occi:Quotas:Default:{key}", limit));
        for (var i = 0; i < fitting; i++) await tenants.CreateAsync(Alice, collection, fits);
        var before = await tenants.StoreSnapshotAsync();

        using var refused = await tenants.SendAsync(Alice, HttpMethod.Post, collection, passes);
        await AssertRefusedAsync(refused, message);
        Assert.That(await tenants.StoreSnapshotAsync(), Is.EqualTo(before));
        // The limit is per tenant: bob has his own.
        await tenants.CreateAsync(Bob, collection, passes);
    }

    [Test]
    public async Task Public_ips_count_network_interfaces_to_the_public_network()
    {
        var tenants = await StartAsync(("Occi:Quotas:Default:PublicIps", "1"));
        using (var put = await tenants.SendAsync(Alice, HttpMethod.Put, "/network/public", OcciText.NetworkCategory))
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Created), await put.Content.ReadAsStringAsync());
        var first = await tenants.CreateAsync(Alice, "/compute/", OcciText.ComputeCategory);
        var second = await tenants.CreateAsync(Alice, "/compute/", OcciText.ComputeCategory);
        string LinkTo(string source) => $"{NetworkInterfaceCategory}\nX-OCCI-Attribute: occi.core.source=\"{source}\"\nX-OCCI-Attribute: occi.core.target=\"/network/public\"";
        await tenants.CreateAsync(Alice, "/link/networkinterface/", LinkTo(first));

        using var refused = await tenants.SendAsync(Alice, HttpMethod.Post, "/link/networkinterface/", LinkTo(second));
        await AssertRefusedAsync(refused, "PublicIps limit 1, in use 1, requested 1");
        // Inline, with a compute's create, as well: neither is made.
        var count = await tenants.StoredCountAsync("tenant-a");
        using var inline = await tenants.SendAsync(Alice, HttpMethod.Post, "/compute/", OcciText.ComputeCategory
            + "\nLink: </network/public>; rel=\"http://schemas.ogf.org/occi/infrastructure#network\"; category=\"http://schemas.ogf.org/occi/infrastructure#networkinterface\"");
        await AssertRefusedAsync(inline, "PublicIps limit 1");
        Assert.That(await tenants.StoredCountAsync("tenant-a"), Is.EqualTo(count));
    }

    [Test]
    public async Task A_tenants_own_limits_override_the_defaults_and_minus_one_lifts_one()
    {
        var tenants = await StartAsync(("Occi:Quotas:Default:Instances", "1"), ("Occi:Quotas:Tenants:tenant-b:Instances", "-1"),
            ("Occi:Quotas:Tenants:tenant-a:Instances", "2"));
        await tenants.CreateAsync(Alice, "/compute/", OcciText.ComputeCategory);
        await tenants.CreateAsync(Alice, "/compute/", OcciText.ComputeCategory);
        using var third = await tenants.SendAsync(Alice, HttpMethod.Post, "/compute/", OcciText.ComputeCategory);
        await AssertRefusedAsync(third, "Instances limit 2, in use 2, requested 1");
        for (var i = 0; i < 3; i++) await tenants.CreateAsync(Bob, "/compute/", OcciText.ComputeCategory);
        await tenants.CreateAsync(Root, "/compute/", OcciText.ComputeCategory);
        using var rootsSecond = await tenants.SendAsync(Root, HttpMethod.Post, "/compute/", OcciText.ComputeCategory);
        Assert.That(rootsSecond.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "the default holds for ops");
    }

    [Test]
    public async Task Racing_creates_for_the_last_units_never_pass_the_limit()
    {
        var tenants = await StartAsync(("Occi:Quotas:Default:Instances", "5"));
        await tenants.CreateAsync(Alice, "/compute/", OcciText.ComputeCategory);
        var racing = Enumerable.Range(0, 24).Select(async _ =>
        {
            using var response = await tenants.SendAsync(Alice, HttpMethod.Post, "/compute/", OcciText.ComputeCategory);
            return response.StatusCode;
        }).ToArray();
        var statuses = await Task.WhenAll(racing);
        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(4));
        Assert.That(statuses.Count(s => s == HttpStatusCode.Conflict), Is.EqualTo(20));
        Assert.That(await tenants.StoredCountAsync("tenant-a", Compute.Kind.Id), Is.EqualTo(5));
    }

    [Test]
    public async Task Racing_creates_across_limits_of_cores_never_pass_them()
    {
        var tenants = await StartAsync(("Occi:Quotas:Default:Cores", "10"));
        var racing = Enumerable.Range(0, 12).Select(async _ =>
        {
            using var response = await tenants.SendAsync(Alice, HttpMethod.Post, "/compute/", ComputeWith(3, 1));
            return response.StatusCode;
        }).ToArray();
        var statuses = await Task.WhenAll(racing);
        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(3));
        Assert.That(await tenants.StoredCountAsync("tenant-a", Compute.Kind.Id), Is.EqualTo(3));
    }

    [TestCase("POST", "X-OCCI-Attribute: occi.compute.cores=4")]
    [TestCase("PUT", OcciText.ComputeCategory + "\nX-OCCI-Attribute: occi.compute.cores=4\nX-OCCI-Attribute: occi.compute.memory=1")]
    [TestCase("POST", "Category: large; scheme=\"" + ResourceTplScheme + "\"; class=\"mixin\"")]
    public async Task A_resize_over_quota_is_409_and_changes_nothing(string method, string body)
    {
        var tenants = await StartAsync(("Occi:Quotas:Default:Cores", "4"));
        var compute = await tenants.CreateAsync(Alice, "/compute/", ComputeWith(2, 1));
        await tenants.CreateAsync(Alice, "/compute/", ComputeWith(1, 1));
        var before = await tenants.StoreSnapshotAsync();

        using var refused = await tenants.SendAsync(Alice, new HttpMethod(method), compute, body);
        await AssertRefusedAsync(refused, "Cores limit 4, in use 3, requested 2");
        Assert.That(await tenants.StoreSnapshotAsync(), Is.EqualTo(before));
        Assert.That(OcciText.Attribute(await tenants.GetTextAsync(Alice, compute), Compute.Cores), Is.EqualTo("2"));
    }

    [Test]
    public async Task A_resize_within_quota_and_a_shrink_pass()
    {
        var tenants = await StartAsync(("Occi:Quotas:Default:Cores", "4"));
        var compute = await tenants.CreateAsync(Alice, "/compute/", ComputeWith(2, 1));
        using (var grow = await tenants.SendAsync(Alice, HttpMethod.Post, compute, "X-OCCI-Attribute: occi.compute.cores=4"))
            Assert.That(grow.StatusCode, Is.EqualTo(HttpStatusCode.OK), await grow.Content.ReadAsStringAsync());
        using (var shrink = await tenants.SendAsync(Alice, HttpMethod.Post, compute, "X-OCCI-Attribute: occi.compute.cores=1"))
            Assert.That(shrink.StatusCode, Is.EqualTo(HttpStatusCode.OK), await shrink.Content.ReadAsStringAsync());
        await tenants.CreateAsync(Alice, "/compute/", ComputeWith(3, 1));
    }

    [Test]
    public async Task A_storage_resize_action_over_quota_is_409_and_changes_nothing()
    {
        var tenants = await StartAsync(("Occi:Quotas:Default:StorageGiB", "20"));
        var storage = await tenants.CreateAsync(Alice, "/storage/", StorageOf(10));
        var before = await tenants.StoreSnapshotAsync();
        using var refused = await tenants.SendAsync(Alice, HttpMethod.Post, storage + "?action=resize",
            OcciText.Action("storage", "resize") + "\nX-OCCI-Attribute: size=25");
        await AssertRefusedAsync(refused, "StorageGiB limit 20, in use 10, requested 15");
        Assert.That(await tenants.StoreSnapshotAsync(), Is.EqualTo(before));
        using var fits = await tenants.SendAsync(Alice, HttpMethod.Post, storage + "?action=resize",
            OcciText.Action("storage", "resize") + "\nX-OCCI-Attribute: size=20");
        Assert.That(fits.StatusCode, Is.EqualTo(HttpStatusCode.OK), await fits.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_tenant_reads_its_limits_and_use_at_the_quota_resource()
    {
        var tenants = await StartAsync(("Occi:Quotas:Default:Instances", "3"), ("Occi:Quotas:Default:Cores", "8"));
        await tenants.CreateAsync(Alice, "/compute/", ComputeWith(2, 1.5));
        await tenants.CreateAsync(Bob, "/compute/", ComputeWith(4, 1));

        var text = await tenants.GetTextAsync(Alice, "/-/quota");
        Assert.That(OcciText.Attribute(text, "occi.quota.tenant"), Is.EqualTo("tenant-a"));
        Assert.That(OcciText.Attribute(text, "occi.quota.instances.used"), Is.EqualTo("1"));
        Assert.That(OcciText.Attribute(text, "occi.quota.instances.limit"), Is.EqualTo("3"));
        Assert.That(OcciText.Attribute(text, "occi.quota.cores.used"), Is.EqualTo("2"));
        Assert.That(OcciText.Attribute(text, "occi.quota.memory_gib.used"), Is.EqualTo("1.5"));
        Assert.That(OcciText.Attribute(text, "occi.quota.memory_gib.limit"), Is.Null, "no limit");

        using var json = await tenants.SendAsync(Bob, HttpMethod.Get, "/-/quota", accept: "application/json");
        using var document = System.Text.Json.JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.That(document.RootElement.GetProperty("tenant").GetString(), Is.EqualTo("tenant-b"));
        Assert.That(document.RootElement.GetProperty("quota").GetProperty("cores").GetProperty("used").GetDouble(), Is.EqualTo(4));
        Assert.That(document.RootElement.GetProperty("quota").GetProperty("cores").GetProperty("limit").GetDouble(), Is.EqualTo(8));
        Assert.That(document.RootElement.GetProperty("quota").GetProperty("storage_gib").GetProperty("limit").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));

        using var anonymous = await tenants.Server.Client.GetAsync("/-/quota");
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var post = await tenants.SendAsync(Alice, HttpMethod.Post, "/-/quota");
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
    }

    [Test]
    public async Task A_negative_limit_stops_the_start_naming_its_key()
    {
        var e = Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () => await StartAsync(("Occi:Quotas:Tenants:x:Cores", "-3")));
        Assert.That(e!.Message, Does.Contain("Occi:Quotas:Tenants:x:Cores"));
    }
}
