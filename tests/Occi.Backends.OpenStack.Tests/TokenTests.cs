using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Occi.Backends.OpenStack.Identity;
using Occi.Core.BackendContracts;
using Occi.Server.Tests.Support;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>The configured account's token expiring or revoked mid-run, against the real Keystone and Nova.</summary>
[Category(OpenStackDirect.Category)]
public sealed class TokenTests
{
    private static CancellationToken None => CancellationToken.None;

    [Test]
    public async Task A_token_near_its_expiry_is_renewed_once_however_many_requests_ask_at_the_same_time()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = OpenStackCloud.Services(OpenStackCloud.Configuration(), clock);
        var identity = services.GetRequiredService<OpenStackIdentity>();
        var credential = await identity.ForAsync(Caller.Anonymous, None);
        var first = await credential.TokenAsync(None);
        Assert.That((await credential.TokenAsync(None)).Value, Is.EqualTo(first.Value), "kept while it is young");

        clock.SetUtcNow(first.ExpiresAt - TimeSpan.FromSeconds(60)); // within TokenRenewSeconds of its end
        var renewed = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => credential.TokenAsync(None).AsTask()));
        Assert.That(renewed.Select(t => t.Value).Distinct().Count(), Is.EqualTo(1), "one renewal for all ten");
        Assert.That(renewed[0].Value, Is.Not.EqualTo(first.Value));
        var backend = services.GetRequiredService<ICloudBackend>();
        Assert.That((await backend.DescribeAsync(None)).Mixins, Is.Not.Empty, "Nova and Glance take the new token");
    }

    [Test]
    public async Task A_token_revoked_under_the_gateway_is_replaced_and_the_request_succeeds()
    {
        await using var services = OpenStackCloud.Services(OpenStackCloud.Configuration());
        var identity = services.GetRequiredService<OpenStackIdentity>();
        var credential = await identity.ForAsync(Caller.Anonymous, None);
        var first = await credential.TokenAsync(None);
        await OpenStackDirect.RevokeAsync(first.Value);

        var backend = services.GetRequiredService<ICloudBackend>();
        Assert.That((await backend.DescribeAsync(None)).Mixins, Is.Not.Empty, "Nova's 401 made the gateway ask Keystone again");
        Assert.That((await credential.TokenAsync(None)).Value, Is.Not.EqualTo(first.Value));
    }

    [Test]
    public async Task A_caller_s_own_Keystone_token_is_acted_as_and_an_unknown_one_falls_back_to_the_account()
    {
        await using var services = OpenStackCloud.Services(OpenStackCloud.Configuration("admin"));
        var identity = services.GetRequiredService<OpenStackIdentity>();
        var (token, demoProject) = await OpenStackDirect.TokenAsync("demo");
        var asCaller = await (await identity.ForAsync(new Caller("demo", demoProject, []) { Token = token }, None)).TokenAsync(None);
        Assert.That(asCaller.Value, Is.EqualTo(token));
        Assert.That(asCaller.ProjectId, Is.EqualTo(demoProject));
        Assert.That(asCaller.Catalog.Find("compute"), Is.Not.Null, "the caller's own catalog");

        var unknown = await (await identity.ForAsync(new Caller("x", "t", []) { Token = "not-a-keystone-token" }, None)).TokenAsync(None);
        Assert.That(unknown.ProjectId, Is.Not.EqualTo(demoProject), "the configured admin account instead");
    }
}
