using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Occi.Server.Auth;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Occi:Auth:Schemes=Oidc against a real OpenID Connect provider (oidc-provider 8 on loopback): its JWT access tokens
/// as bearer tokens or in X-Auth-Token (rOCCI-cli -n token), and every way a token must be refused.
/// </summary>
public sealed class OidcAuthTests
{
    private OidcProvider _issuer = null!;
    private OidcProvider _otherIssuer = null!;
    private FakeTimeProvider _clock = null!;
    private RunningServer _server = null!;

    [OneTimeSetUp]
    public async Task StartProviders()
    {
        _issuer = await OidcProvider.StartOrIgnoreAsync();
        _otherIssuer = await OidcProvider.StartOrIgnoreAsync();
    }

    [OneTimeTearDown]
    public async Task StopProviders()
    {
        if (_issuer is not null) await _issuer.DisposeAsync();
        if (_otherIssuer is not null) await _otherIssuer.DisposeAsync();
    }

    [SetUp]
    public async Task Start()
    {
        // The provider stamps tokens with the real time; the server's clock starts there and moves only when a test says.
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _server = await RunningServer.StartAsync(null, services => services.AddSingleton<TimeProvider>(_clock),
            ("Occi:Auth:Schemes", "Oidc,Keystone"),
            ("Occi:Auth:Oidc:Issuer", _issuer.Issuer),
            ("Occi:Auth:Oidc:Audience", OidcProvider.Audience),
            ("Occi:Auth:Oidc:RequireHttpsMetadata", "false"),
            ("Occi:Auth:Oidc:DefaultTenant", "egi"),
            ("Occi:Auth:Keystone:BuiltIn", "/identity/"));
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private Task<HttpResponseMessage> GetAsync(string path, string? bearer = null, string? xAuthToken = null)
    {
        var request = _server.Request(HttpMethod.Get, path);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (xAuthToken is not null) request.Headers.Add("X-Auth-Token", xAuthToken);
        return _server.Client.SendAsync(request);
    }

    [Test]
    public async Task A_bearer_token_of_the_issuer_is_accepted_and_acts_in_the_default_tenant()
    {
        var token = await _issuer.TokenAsync();
        var create = _server.Request(HttpMethod.Post, "/compute/");
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        create.Content = RunningServer.TextPlain(OcciText.ComputeCategory);
        using var created = await _server.Client.SendAsync(create);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());

        // Another client of the same issuer lands in the same default tenant and sees it.
        using var listed = await GetAsync("/compute/", bearer: await _issuer.TokenAsync("occi-b"));
        Assert.That(await listed.Content.ReadAsStringAsync(), Does.Contain(created.Headers.Location!.AbsolutePath));
    }

    [Test]
    public async Task An_X_Auth_Token_that_is_a_JWT_of_the_issuer_is_taken_as_OIDC()
    {
        using var response = await GetAsync("/-/", xAuthToken: await _issuer.TokenAsync());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task An_X_Auth_Token_that_is_no_JWT_of_the_issuer_is_left_to_Keystone_and_refused()
    {
        using var response = await GetAsync("/-/", xAuthToken: await _otherIssuer.TokenAsync());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Keystone"));
    }

    [Test]
    public async Task Sub_and_each_eduperson_entitlement_become_claims_whether_an_array_or_a_string()
    {
        var a = await AuthenticateAsync(await _issuer.TokenAsync("occi-a"));
        Assert.That(a.FindFirst(OcciClaims.Name)?.Value, Is.EqualTo("occi-a"));
        Assert.That(a.FindAll(OcciClaims.Entitlement).Select(c => c.Value), Is.EqualTo(new[] { "urn:mace:egi.eu:group:vo-a:role=member#aai.egi.eu" }));
        Assert.That(a.FindFirst(OcciClaims.Tenant)?.Value, Is.EqualTo("egi"));
        var b = await AuthenticateAsync(await _issuer.TokenAsync("occi-b"));
        Assert.That(b.FindAll(OcciClaims.Entitlement).Select(c => c.Value), Is.EqualTo(new[] { "urn:mace:egi.eu:group:vo-b:role=member#aai.egi.eu" }));
    }

    [Test]
    public async Task A_JWT_of_another_issuer_is_401()
    {
        await AssertRefusedAsync(await _otherIssuer.TokenAsync(), "another issuer");
    }

    [Test]
    public async Task A_JWT_for_another_audience_is_401()
    {
        await AssertRefusedAsync(await _issuer.TokenAsync(resource: "https://elsewhere.test/"), "another audience");
    }

    [Test]
    public async Task An_expired_JWT_is_401()
    {
        var token = await _issuer.TokenAsync();
        _clock.Advance(TimeSpan.FromHours(2)); // the tokens last an hour, the allowed skew is a minute
        await AssertRefusedAsync(token, "expired");
    }

    [Test]
    public async Task A_JWT_with_a_bad_signature_is_401()
    {
        var token = await _issuer.TokenAsync();
        var dot = token.LastIndexOf('.');
        var signature = token[(dot + 1)..].ToCharArray();
        Array.Reverse(signature);
        await AssertRefusedAsync(token[..(dot + 1)] + new string(signature), "signature");
    }

    [Test]
    public async Task A_refused_token_changes_nothing()
    {
        var create = _server.Request(HttpMethod.Post, "/compute/");
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _otherIssuer.TokenAsync());
        create.Content = RunningServer.TextPlain(OcciText.ComputeCategory);
        using var refused = await _server.Client.SendAsync(create);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var listed = await GetAsync("/compute/", bearer: await _issuer.TokenAsync());
        Assert.That(await listed.Content.ReadAsStringAsync(), Does.Not.Contain("X-OCCI-Location"));
    }

    private async Task AssertRefusedAsync(string token, string reason)
    {
        using var response = await GetAsync("/-/", bearer: token);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(body, Does.Contain(reason));
        Assert.That(body, Does.Not.Contain(token));
    }

    /// <summary>The principal the server's own OIDC handler makes of the token (its claims are not on the wire).</summary>
    private async Task<System.Security.Claims.ClaimsPrincipal> AuthenticateAsync(string token)
    {
        using var scope = _server.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Headers.Authorization = "Bearer " + token;
        var result = await http.AuthenticateAsync("Oidc");
        Assert.That(result.Succeeded, Is.True, result.Failure?.Message);
        return result.Principal!;
    }
}
