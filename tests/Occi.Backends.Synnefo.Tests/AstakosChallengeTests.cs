using System.Net;

namespace Occi.Backends.Synnefo.Tests;

/// <summary>How a client without a good Astakos token is told where to get one, and how a good one lets it in.</summary>
public sealed class AstakosChallengeTests
{
    [Test]
    public async Task A_request_without_a_token_is_401_with_the_single_snf_auth_challenge_naming_Astakos()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        using var response = await gateway.SendAsync(HttpMethod.Get, "/compute/", token: null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.Select(h => h.ToString()), Is.EqualTo(new[] { $"snf-auth uri=\"{gateway.Synnefo.IdentityUrl}\"" }));
    }

    [Test]
    public async Task A_request_with_the_users_Astakos_token_is_let_in()
    {
        await using var gateway = await SynnefoGateway.StartAsync();
        var (status, body) = await gateway.AskAsync(HttpMethod.Get, "/compute/");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
    }
}
