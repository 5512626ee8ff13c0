using System.Net;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests.Providers;

/// <summary>
/// Issue 19 with the real OpenStack of ../shared/openstack as one provider (<c>site-a</c>, the demo account) beside the
/// simulator (<c>east</c>, the default): the union shows Glance's image and Nova's flavour under site-a's schemes, a
/// compute made from them lands in Nova (asked directly), one with east's region in the simulator. Nova is asked
/// afterwards that nothing the test made is left.
/// </summary>
[Category(OpenStackDirect.Category)]
public sealed class OpenStackAndLocalProvidersTests
{
    private const string OsScheme = "http://schemas.openstack.org/template/os/site-a#";
    private const string ResourceScheme = "http://schemas.openstack.org/template/resource/site-a#";

    private RunningServer _server = null!;
    private OpenStackDirect _cloud = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        var identity = OpenStackDirect.IdentityUrl;
        _cloud = await OpenStackDirect.AsAsync("demo");
        _server = await RunningServer.StartAsync(null,
            ("Occi:Providers:site-a:Backend", "OpenStack"), ("Occi:Providers:site-a:OpenStack:IdentityUrl", identity),
            ("Occi:Providers:site-a:OpenStack:Username", "demo"), ("Occi:Providers:site-a:OpenStack:Password", "secret"),
            ("Occi:Providers:site-a:OpenStack:ProjectName", "demo"),
            ("Occi:Providers:east:Backend", "Local"), ("Occi:Providers:east:Default", "true"), ("Occi:Providers:east:Local:ActionDelayMs", "0"));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_server is not null) await _server.DisposeAsync();
        _cloud?.Dispose();
    }

    private async Task<(HttpStatusCode Status, string Body, string? Location)> SendAsync(HttpMethod method, string path, string? body = null)
    {
        var request = _server.Request(method, path);
        if (body is not null) request.Content = RunningServer.TextPlain(body);
        var response = await _server.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.AbsolutePath);
    }

    [Test]
    public async Task The_union_shows_site_as_image_and_flavour_under_its_schemes_and_both_regions()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, "/-/");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Contain($"Category: {await _cloud.TinyImageIdAsync()}; scheme=\"{OsScheme}\""));
        Assert.That(body, Does.Contain($"Category: {OpenStackDirect.TinyFlavorId}; scheme=\"{ResourceScheme}\""));
        Assert.That(body, Does.Contain("Category: site-a; scheme=\"http://schemas.ogf.org/occi/infrastructure/region#\""));
        Assert.That(body, Does.Contain("Category: east; scheme=\"http://schemas.ogf.org/occi/infrastructure/region#\""));
    }

    [Test]
    public async Task A_compute_from_site_as_templates_lands_in_nova_and_one_with_easts_region_does_not()
    {
        var (status, body, atSite) = await SendAsync(HttpMethod.Post, "/compute/", string.Join("\n",
            OcciText.ComputeCategory,
            $"Category: {await _cloud.TinyImageIdAsync()}; scheme=\"{OsScheme}\"; class=\"mixin\"",
            $"Category: {OpenStackDirect.TinyFlavorId}; scheme=\"{ResourceScheme}\"; class=\"mixin\"",
            "X-OCCI-Attribute: occi.core.title=\"occi-providers-test\""));
        Assert.That(status, Is.EqualTo(HttpStatusCode.Created), body);
        var siteId = atSite!.Split('/')[^1];
        string? serverId = null;
        var (eastStatus, eastBody, atEast) = await SendAsync(HttpMethod.Post, "/compute/",
            OcciText.ComputeCategory + "\nCategory: east; scheme=\"http://schemas.ogf.org/occi/infrastructure/region#\"; class=\"mixin\"");
        try
        {
            Assert.That(eastStatus, Is.EqualTo(HttpStatusCode.Created), eastBody);
            serverId = await _cloud.ServerIdOfAsync(siteId);
            Assert.That(serverId, Is.Not.Null, "Nova holds the compute created with site-a's templates");
            Assert.That(await _cloud.ServerIdOfAsync(atEast!.Split('/')[^1]), Is.Null, "east's compute is not in Nova");

            var (_, described, _) = await SendAsync(HttpMethod.Get, atSite);
            Assert.That(described, Does.Contain("Category: site-a; scheme=\"http://schemas.ogf.org/occi/infrastructure/region#\""));
        }
        finally
        {
            var (deleted, deleteBody, _) = await SendAsync(HttpMethod.Delete, atSite);
            if (atEast is not null) await SendAsync(HttpMethod.Delete, atEast);
            Assert.That(deleted, Is.EqualTo(HttpStatusCode.OK), deleteBody);
            Assert.That(await OpenStackDirect.EventuallyAsync(async () => await _cloud.ServerIdOfAsync(siteId) is null, TimeSpan.FromSeconds(120)),
                Is.True, "the delete went to Nova");
            await _cloud.RemoveAsync(await _cloud.ServerIdOfAsync(siteId), siteId);
        }
    }
}
