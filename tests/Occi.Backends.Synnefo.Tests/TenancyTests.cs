using System.Net;
using Occi.Backends.Synnefo.Tests.Simulator;
using Occi.Server.Tests.Support;

namespace Occi.Backends.Synnefo.Tests;

/// <summary>Each Astakos user is a tenant of its own, acting in Synnefo with its own token.</summary>
public sealed class TenancyTests
{
    [Test]
    public async Task A_compute_is_made_with_the_callers_own_token_in_the_callers_project()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        using var response = await gateway.SendAsync(HttpMethod.Post, "/compute/", SynnefoGateway.Compute(), token: SimulatedCloud.OtherToken);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Assert.That(gateway.ServerOf(response.Headers.Location!.AbsolutePath).UserId, Is.EqualTo(SimulatedCloud.OtherUserId));
    }

    [Test]
    public async Task Another_user_neither_lists_nor_reads_the_first_users_compute()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        var path = await gateway.CreateAsync(SynnefoGateway.Compute());
        var (listed, list) = await gateway.AskAsync(HttpMethod.Get, "/compute/", token: SimulatedCloud.OtherToken);
        Assert.That(listed, Is.EqualTo(HttpStatusCode.OK), list);
        Assert.That(OcciText.Locations(list), Is.Empty);
        Assert.That((await gateway.AskAsync(HttpMethod.Get, path, token: SimulatedCloud.OtherToken)).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await gateway.AskAsync(HttpMethod.Delete, path, token: SimulatedCloud.OtherToken)).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(gateway.ServerOf(path).Status, Is.Not.EqualTo("DELETED"));
    }
}
