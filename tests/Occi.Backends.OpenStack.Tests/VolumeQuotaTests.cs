using System.Net;
using System.Text.Json.Nodes;
using Occi.Server.Tests.Support;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>
/// Cinder's quota through the gateway: a project of the test's own (so the shared demo project is never touched)
/// whose volumes quota is 0, the gateway acting in it as admin; a storage create is then 409 naming the quota.
/// </summary>
public sealed class VolumeQuotaTests : GatewayTest
{
    private readonly string _projectName = "osvolnet-quota-" + Guid.NewGuid().ToString("N")[..8];
    private OpenStackDirect _admin = null!;
    private string _project = "";

    protected override string PublicCidr => "172.24.104.0/24";

    protected override async Task BeforeGatewayAsync()
    {
        _admin = await OpenStackDirect.AsAsync("admin");
        var identity = OpenStackCloud.IdentityUrl;
        _project = (await _admin.SendAsync(HttpMethod.Post, identity + "/projects",
            new JsonObject { ["project"] = new JsonObject { ["name"] = _projectName, ["domain_id"] = "default" } }))["project"]!["id"]!.GetValue<string>();
        var user = (await _admin.GetAsync(identity + "/users?name=admin"))!["users"]![0]!["id"]!.GetValue<string>();
        var role = (await _admin.GetAsync(identity + "/roles?name=member"))!["roles"]![0]!["id"]!.GetValue<string>();
        await _admin.SendAsync(HttpMethod.Put, $"{identity}/projects/{_project}/users/{user}/roles/{role}");
        await _admin.SendAsync(HttpMethod.Put, _admin.Cinder("os-quota-sets/" + _project),
            new JsonObject { ["quota_set"] = new JsonObject { ["volumes"] = 0 } });
    }

    protected override async Task AfterGatewayAsync()
    {
        if (_project.Length > 0)
        {
            await _admin.SendAsync(HttpMethod.Delete, _admin.Cinder("os-quota-sets/" + _project));
            await _admin.SendAsync(HttpMethod.Delete, OpenStackCloud.IdentityUrl + "/projects/" + _project);
        }
        _admin?.Dispose();
    }

    protected override IEnumerable<(string Key, string Value)> Settings() =>
        base.Settings().Select(s => s.Key switch
        {
            "Occi:OpenStack:Username" => (s.Key, "admin"),
            "Occi:OpenStack:ProjectName" => (s.Key, _projectName),
            _ => s,
        });

    [Test]
    public async Task A_storage_beyond_the_volumes_quota_is_409_naming_the_quota_and_Cinder_makes_nothing()
    {
        using var response = await SendAsync(HttpMethod.Post, "/storage/", Storage(1));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), body);
        Assert.That(body, Does.Contain("Cinder").And.Contain("quota").And.Contain("volumes"));
        var volumes = await _admin.GetAsync(_admin.Cinder("volumes/detail?all_tenants=1&project_id=" + _project));
        Assert.That(volumes!["volumes"]!.AsArray(), Is.Empty);
        using var listing = await SendAsync(HttpMethod.Get, "/storage/");
        Assert.That(await listing.Content.ReadAsStringAsync(), Does.Not.Contain("/storage/"));
    }
}
