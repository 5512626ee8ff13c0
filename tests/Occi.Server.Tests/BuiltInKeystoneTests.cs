using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// The built-in minimal Keystone (Occi:Auth:Keystone:BuiltIn) for clouds without one, walked as rOCCI-cli 4.3 walks it
/// with <c>-n token</c> + Keystone discovery (its KeystoneV3 handler, OIDC path): 401 → WWW-Authenticate → versions →
/// federated OIDC authentication → projects → a project-scoped token → the OCCI interface with X-Auth-Token.
/// The OIDC token comes from a real provider (oidc-provider 8).
/// </summary>
public sealed partial class BuiltInKeystoneTests
{
    private const string IdentityPath = "/identity/";
    private OidcProvider _issuer = null!;
    private FakeTimeProvider _clock = null!;
    private RunningServer _server = null!;

    [GeneratedRegex("^(Keystone|snf-auth) uri=(\"|')(.+)(\"|')$")]
    private static partial Regex RocciChallenge();

    [OneTimeSetUp]
    public async Task StartProvider() => _issuer = await OidcProvider.StartOrIgnoreAsync();

    [OneTimeTearDown]
    public async Task StopProvider()
    {
        if (_issuer is not null) await _issuer.DisposeAsync();
    }

    [SetUp]
    public async Task Start()
    {
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _server = await RunningServer.StartAsync(null, services => services.AddSingleton<TimeProvider>(_clock),
            ("Occi:Auth:Schemes", "Keystone,Oidc"),
            ("Occi:Auth:Keystone:BuiltIn", IdentityPath),
            ("Occi:Auth:Keystone:BuiltInTokenMinutes", "30"),
            ("Occi:Auth:Oidc:Issuer", _issuer.Issuer),
            ("Occi:Auth:Oidc:Audience", OidcProvider.Audience),
            ("Occi:Auth:Oidc:RequireHttpsMetadata", "false"),
            ("Occi:Auth:Oidc:DefaultTenant", "egi"));
    }

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Steps 1–3: the Keystone URL from the 401, its v3 base from the versions, an unscoped token for the OIDC token.</summary>
    private async Task<(string V3, string Unscoped)> UnscopedAsync(string oidcToken)
    {
        using var refused = await _server.Client.SendAsync(_server.Request(HttpMethod.Get, "/-/"));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var challenge = refused.Headers.GetValues("WWW-Authenticate").Single();
        var match = RocciChallenge().Match(challenge);
        Assert.That(match.Success, Is.True, challenge);
        var keystone = match.Groups[3].Value;
        Assert.That(keystone, Is.EqualTo(_server.Root + IdentityPath));

        using var versions = await _server.Client.SendAsync(KeystoneRequests.Json(HttpMethod.Get, keystone));
        Assert.That(versions.StatusCode, Is.EqualTo(HttpStatusCode.MultipleChoices));
        var v3 = (await ReadAsync(versions)).GetProperty("versions").GetProperty("values").EnumerateArray()
            .Single(v => v.GetProperty("id").GetString()!.StartsWith("v3"))
            .GetProperty("links").EnumerateArray().Single(l => l.GetProperty("rel").GetString() == "self")
            .GetProperty("href").GetString()!.TrimEnd('/');

        var federated = KeystoneRequests.Json(HttpMethod.Get, v3 + "/OS-FEDERATION/identity_providers/egi.eu/protocols/oidc/auth");
        federated.Headers.Authorization = new AuthenticationHeaderValue("Bearer", oidcToken);
        using var unscoped = await _server.Client.SendAsync(federated);
        Assert.That(unscoped.StatusCode, Is.EqualTo(HttpStatusCode.Created), await unscoped.Content.ReadAsStringAsync());
        return (v3, unscoped.Headers.GetValues("X-Subject-Token").Single());
    }

    /// <summary>Steps 4–5: the first project, and a token scoped to it (the token method).</summary>
    private async Task<string> ScopedAsync(string v3, string unscoped)
    {
        using var projects = await _server.Client.SendAsync(KeystoneRequests.Json(HttpMethod.Get, v3 + "/auth/projects", unscoped));
        Assert.That(projects.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var project = (await ReadAsync(projects)).GetProperty("projects")[0].GetProperty("id").GetString()!;
        using var scoped = await _server.Client.SendAsync(KeystoneRequests.Json(HttpMethod.Post, v3 + "/auth/tokens", unscoped, KeystoneRequests.ScopeBody(unscoped, project)));
        Assert.That(scoped.StatusCode, Is.EqualTo(HttpStatusCode.Created), await scoped.Content.ReadAsStringAsync());
        return scoped.Headers.GetValues("X-Subject-Token").Single();
    }

    private Task<HttpResponseMessage> OcciAsync(string xAuthToken)
    {
        var request = _server.Request(HttpMethod.Get, "/-/");
        request.Headers.Add("X-Auth-Token", xAuthToken);
        return _server.Client.SendAsync(request);
    }

    [Test]
    public async Task rOCCI_cli_s_oidc_sequence_ends_in_a_200_on_the_query_interface()
    {
        var (v3, unscoped) = await UnscopedAsync(await _issuer.TokenAsync());
        var scoped = await ScopedAsync(v3, unscoped);
        using var response = await OcciAsync(scoped);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_projects_are_the_tenant_the_identity_maps_to()
    {
        var (v3, unscoped) = await UnscopedAsync(await _issuer.TokenAsync());
        using var projects = await _server.Client.SendAsync(KeystoneRequests.Json(HttpMethod.Get, v3 + "/auth/projects", unscoped));
        var ids = (await ReadAsync(projects)).GetProperty("projects").EnumerateArray().Select(p => p.GetProperty("id").GetString());
        Assert.That(ids, Is.EqualTo(new[] { "egi" }));
    }

    [Test]
    public async Task An_unscoped_token_does_not_open_the_OCCI_interface()
    {
        var (_, unscoped) = await UnscopedAsync(await _issuer.TokenAsync());
        using var response = await OcciAsync(unscoped);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("not scoped"));
    }

    [Test]
    public async Task A_bad_OIDC_token_gets_no_Keystone_token()
    {
        var token = await _issuer.TokenAsync(resource: "https://elsewhere.test/");
        var federated = KeystoneRequests.Json(HttpMethod.Get, _server.Root + IdentityPath + "v3/OS-FEDERATION/identity_providers/egi.eu/protocols/oidc/auth");
        federated.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _server.Client.SendAsync(federated);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.Contains("X-Subject-Token"), Is.False);
        var error = (await ReadAsync(response)).GetProperty("error");
        Assert.That(error.GetProperty("code").GetInt32(), Is.EqualTo(401));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("audience"));
    }

    [Test]
    public async Task A_token_cannot_be_scoped_to_another_project()
    {
        var (v3, unscoped) = await UnscopedAsync(await _issuer.TokenAsync());
        using var scoped = await _server.Client.SendAsync(KeystoneRequests.Json(HttpMethod.Post, v3 + "/auth/tokens", unscoped, KeystoneRequests.ScopeBody(unscoped, "someone-else")));
        Assert.That(scoped.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_tampered_token_is_401()
    {
        var (v3, unscoped) = await UnscopedAsync(await _issuer.TokenAsync());
        var scoped = await ScopedAsync(v3, unscoped);
        // The payload says another tenant; the MAC no longer matches.
        var parts = scoped.Split('.');
        var payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1])).Replace("\"egi\"", "\"other\"");
        var forged = $"{parts[0]}.{System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
        using var response = await OcciAsync(forged);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Its_tokens_expire_after_the_configured_minutes()
    {
        var (v3, unscoped) = await UnscopedAsync(await _issuer.TokenAsync());
        var scoped = await ScopedAsync(v3, unscoped);
        _clock.Advance(TimeSpan.FromMinutes(31));
        using var response = await OcciAsync(scoped);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("expired"));
    }

    [Test]
    public async Task The_X509_path_is_refused_while_X509_is_not_enabled()
    {
        using var response = await _server.Client.SendAsync(KeystoneRequests.Json(HttpMethod.Get, _server.Root + IdentityPath + "v3/OS-FEDERATION/identity_providers/egi.eu/protocols/mapped/auth"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await ReadAsync(response)).GetProperty("error").GetProperty("message").GetString(), Does.Contain("X509"));
    }

    [Test]
    public async Task The_v2_tokens_and_tenants_calls_scope_a_token_as_rOCCI_cli_s_v2_handler_does()
    {
        var (_, unscoped) = await UnscopedAsync(await _issuer.TokenAsync());
        using var versions = await _server.Client.SendAsync(KeystoneRequests.Json(HttpMethod.Get, _server.Root + IdentityPath));
        var v2 = (await ReadAsync(versions)).GetProperty("versions").GetProperty("values").EnumerateArray()
            .Single(v => v.GetProperty("id").GetString() == "v2.0").GetProperty("links")[0].GetProperty("href").GetString()!.TrimEnd('/');

        using var tenants = await _server.Client.SendAsync(KeystoneRequests.Json(HttpMethod.Get, v2 + "/tenants", unscoped));
        Assert.That(tenants.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var tenant = (await ReadAsync(tenants)).GetProperty("tenants")[0].GetProperty("name").GetString()!;
        Assert.That(tenant, Is.EqualTo("egi"));

        var body = JsonSerializer.Serialize(new { auth = new { token = new { id = unscoped }, tenantName = tenant } });
        using var scoped = await _server.Client.SendAsync(KeystoneRequests.Json(HttpMethod.Post, v2 + "/tokens", body: body));
        Assert.That(scoped.StatusCode, Is.EqualTo(HttpStatusCode.OK), await scoped.Content.ReadAsStringAsync());
        var access = (await ReadAsync(scoped)).GetProperty("access").GetProperty("token");
        Assert.That(access.GetProperty("tenant").GetProperty("name").GetString(), Is.EqualTo("egi"));
        using var response = await OcciAsync(access.GetProperty("id").GetString()!);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_v2_voms_request_is_refused_while_X509_is_not_enabled()
    {
        var body = JsonSerializer.Serialize(new { auth = new { voms = true } });
        using var response = await _server.Client.SendAsync(KeystoneRequests.Json(HttpMethod.Post, _server.Root + IdentityPath + "v2.0/tokens", body: body));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await ReadAsync(response)).GetProperty("error").GetProperty("message").GetString(), Does.Contain("X509"));
    }

    [TestCase("not json", HttpStatusCode.BadRequest)]
    [TestCase("[]", HttpStatusCode.BadRequest)]
    [TestCase(null, HttpStatusCode.RequestEntityTooLarge)]
    public async Task A_bad_or_oversized_token_request_gets_a_Keystone_error_and_no_token(string? body, HttpStatusCode status)
    {
        body ??= "{\"auth\":\"" + new string('x', 100_000) + "\"}";
        using var response = await _server.Client.SendAsync(KeystoneRequests.Json(HttpMethod.Post, _server.Root + IdentityPath + "v3/auth/tokens", body: body));
        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Headers.Contains("X-Subject-Token"), Is.False);
        Assert.That((await ReadAsync(response)).GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo((int)status));
    }
}
