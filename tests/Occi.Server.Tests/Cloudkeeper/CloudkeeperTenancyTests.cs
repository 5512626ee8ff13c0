using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Occi.Server.Auth.Basic;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests.Cloudkeeper;

/// <summary>
/// Issue 16: an appliance is visible to the tenants its VO maps to (Occi:Tenancy:MappingFile), and to no other
/// tenant; an admin sees them all. Users by Basic: alice in tenant-a, bob in tenant-b, root an admin; the mapping
/// sends fedcloud.egi.eu to tenant-a; vo.example.org has no rule, so only its own tenant (none of these) sees it.
/// </summary>
public sealed class CloudkeeperTenancyTests : CloudkeeperTest
{
    private const string Fedcloud = "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c01";
    private const string Other = "6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c02";

    private string _folder = null!;

    protected override (string Key, string Value)[] MoreSettings =>
    [
        ("Occi:Auth:Schemes", "Basic"), ("Occi:Auth:Basic:UsersFile", Path.Combine(_folder, "users")),
        ("Occi:Tenancy:MappingFile", Path.Combine(_folder, "mapping.json")),
    ];

    [OneTimeSetUp]
    public async Task WriteUsersAndMapping()
    {
        _folder = Path.Combine(Path.GetTempPath(), "occi-cloudkeeper-tenancy-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        await File.WriteAllLinesAsync(Path.Combine(_folder, "users"),
        [
            $"alice:{PasswordHash.Create("alice-pw", 1000)}:tenant-a",
            $"bob:{PasswordHash.Create("bob-pw", 1000)}:tenant-b",
            $"root:{PasswordHash.Create("root-pw", 1000)}:ops:admin",
        ]);
        await File.WriteAllTextAsync(Path.Combine(_folder, "mapping.json"), """{ "rules": [ { "vo": "fedcloud.egi.eu", "tenant": "tenant-a" } ] }""");
    }

    [OneTimeTearDown]
    public void RemoveUsersAndMapping() => Directory.Delete(_folder, recursive: true);

    private static AuthenticationHeaderValue As(string user) => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{user}-pw")));

    [Test]
    public async Task An_appliance_is_seen_by_the_tenants_its_VO_maps_to_and_by_an_admin_only()
    {
        await Core.AddAsync(Core.Appliance(Fedcloud, ListA, "For fedcloud", ImageBytes(1), vo: "fedcloud.egi.eu"));
        await Core.AddAsync(Core.Appliance(Other, ListA, "For another VO", ImageBytes(2), vo: "vo.example.org"));

        Assert.That((await ApplianceMixinsAsync(As("alice"))).Keys, Is.EqualTo(new[] { TermOf(Fedcloud) }));
        Assert.That((await ApplianceMixinsAsync(As("bob"))).Keys, Is.Empty);
        Assert.That((await ApplianceMixinsAsync(As("root"))).Keys, Is.EquivalentTo(new[] { TermOf(Fedcloud), TermOf(Other) }));
    }

    [Test]
    public async Task A_tenant_that_does_not_see_an_appliance_cannot_create_a_compute_from_it()
    {
        await Core.AddAsync(Core.Appliance(Fedcloud, ListA, "For fedcloud", ImageBytes(1), vo: "fedcloud.egi.eu"));
        var body = OcciText.ComputeCategory + $"\nCategory: {TermOf(Fedcloud)}; scheme=\"{Scheme}\"; class=\"mixin\"";

        using var asBob = Server.Request(HttpMethod.Post, "/compute/");
        asBob.Headers.Authorization = As("bob");
        asBob.Content = RunningServer.TextPlain(body);
        using var refused = await Server.Client.SendAsync(asBob);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await refused.Content.ReadAsStringAsync());

        using var asAlice = Server.Request(HttpMethod.Post, "/compute/");
        asAlice.Headers.Authorization = As("alice");
        asAlice.Content = RunningServer.TextPlain(body);
        using var created = await Server.Client.SendAsync(asAlice);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
    }
}
