using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// With authentication on (Basic), kinds and actions are the operators' (issue 19): only a caller with the admin role
/// defines or deletes them; a tenant's caller is refused (403) and nothing changes. Every tenant uses a runtime kind.
/// </summary>
public class CategoryManagerTenancyTests
{
    private TenantServer _server = null!;

    private const string Sensor = "Category: sensor; scheme=\"http://example.org/occi/sensor#\"; class=\"kind\"; location=\"/sensor/\"; attributes=\"sensor.unit\"";
    private const string SensorKind = "Category: sensor; scheme=\"http://example.org/occi/sensor#\"; class=\"kind\"";

    [SetUp]
    public async Task Start() => _server = await TenantServer.StartAsync();

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task A_tenant_caller_cannot_define_a_kind_and_nothing_changes()
    {
        var before = await _server.GetTextAsync(TenantServer.Alice, "/-/");
        var response = await _server.SendAsync(TenantServer.Alice, HttpMethod.Post, "/-/", Sensor);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("admin role"));
        Assert.That(await _server.GetTextAsync(TenantServer.Alice, "/-/"), Is.EqualTo(before));
    }

    [Test]
    public async Task An_admin_defines_a_kind_that_tenants_use_and_only_an_admin_deletes_it()
    {
        var defined = await _server.SendAsync(TenantServer.Root, HttpMethod.Post, "/-/", Sensor);
        Assert.That(defined.StatusCode, Is.EqualTo(HttpStatusCode.OK), await defined.Content.ReadAsStringAsync());
        Assert.That(await _server.GetTextAsync(TenantServer.Bob, "/-/"), Does.Contain("Category: sensor;"));

        var sensor = await _server.CreateAsync(TenantServer.Alice, "/sensor/", SensorKind + "\nX-OCCI-Attribute: sensor.unit=\"K\"");
        Assert.That(await _server.GetTextAsync(TenantServer.Alice, sensor), Does.Contain("sensor.unit=\"K\""));
        Assert.That((await _server.SendAsync(TenantServer.Bob, HttpMethod.Get, sensor)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "entities stay their tenant's");

        var refused = await _server.SendAsync(TenantServer.Alice, HttpMethod.Delete, "/-/", SensorKind);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await _server.SendAsync(TenantServer.Alice, HttpMethod.Delete, sensor)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var deleted = await _server.SendAsync(TenantServer.Root, HttpMethod.Delete, "/-/", SensorKind);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await deleted.Content.ReadAsStringAsync());
        Assert.That(await _server.GetTextAsync(TenantServer.Alice, "/-/"), Does.Not.Contain("Category: sensor;"));
    }
}
