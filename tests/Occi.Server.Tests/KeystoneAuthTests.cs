using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Occi.Server.Auth;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Occi:Auth:Schemes=Keystone against a real Keystone (Support/keystone-up.sh; its v3 URL in OCCI_TEST_KEYSTONE):
/// X-Auth-Token validated there with the gateway's service credentials, cached, dropped on revocation.
/// </summary>
public sealed class KeystoneAuthTests
{
    private static readonly HttpClient Keystone = new();
    private string _keystone = null!;
    private FakeTimeProvider _clock = null!;
    private RunningServer _server = null!;

    [SetUp]
    public async Task Start()
    {
        _keystone = Environment.GetEnvironmentVariable("OCCI_TEST_KEYSTONE") ?? "";
        if (_keystone.Length == 0)
            Assert.Ignore("OCCI_TEST_KEYSTONE is not set: start Keystone with tests/Occi.Server.Tests/Support/keystone-up.sh (.ci/run does)");
        _keystone = _keystone.TrimEnd('/');
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _server = await RunningServer.StartAsync(null, services => services.AddSingleton<TimeProvider>(_clock),
            ("Occi:Auth:Schemes", "Keystone"),
            ("Occi:Auth:Keystone:Url", _keystone),
            ("Occi:Auth:Keystone:ServiceUser", "admin"),
            ("Occi:Auth:Keystone:ServicePassword", "secret"),
            ("Occi:Auth:Keystone:ServiceProject", "admin"),
            ("Occi:Auth:Keystone:RevalidateSeconds", "30"));
    }

    [TearDown]
    public async Task Stop()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    /// <summary>A project-scoped token of the user (password method), and the project's id.</summary>
    private async Task<(string Token, string ProjectId)> TokenAsync(string user)
    {
        var domain = new { name = "Default" };
        var body = JsonSerializer.Serialize(new
        {
            auth = new
            {
                identity = new { methods = new[] { "password" }, password = new { user = new { name = user, domain, password = "secret" } } },
                scope = new { project = new { name = user, domain } },
            },
        });
        using var response = await Keystone.PostAsync(_keystone + "/auth/tokens?nocatalog", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var project = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetProperty("project").GetProperty("id").GetString()!;
        return (response.Headers.GetValues("X-Subject-Token").Single(), project);
    }

    private HttpRequestMessage As(string? token, HttpMethod method, string path)
    {
        var request = _server.Request(method, path);
        if (token is not null) request.Headers.Add("X-Auth-Token", token);
        return request;
    }

    private async Task<string> CreateComputeAsync(string token)
    {
        var create = As(token, HttpMethod.Post, "/compute/");
        create.Content = RunningServer.TextPlain(OcciText.ComputeCategory);
        using var created = await _server.Client.SendAsync(create);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        return created.Headers.Location!.AbsolutePath;
    }

    [Test]
    public async Task A_real_token_is_accepted_and_the_caller_acts_in_its_project()
    {
        var (token, project) = await TokenAsync("demo");
        using var response = await _server.Client.SendAsync(As(token, HttpMethod.Get, "/-/"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var scope = _server.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Headers["X-Auth-Token"] = token;
        var principal = (await http.AuthenticateAsync("Keystone")).Principal!;
        Assert.That(principal.FindFirst(OcciClaims.Tenant)?.Value, Is.EqualTo(project));
        Assert.That(principal.FindFirst(OcciClaims.KeystoneProjectId)?.Value, Is.EqualTo(project));
        Assert.That(principal.FindFirst(OcciClaims.KeystoneProjectName)?.Value, Is.EqualTo("demo"));
        Assert.That(principal.FindFirst(OcciClaims.Name)?.Value, Is.EqualTo("demo"));
        Assert.That(principal.FindFirst(OcciClaims.BackendToken)?.Value, Is.EqualTo(token));
        Assert.That(principal.FindAll(OcciClaims.Role).Select(c => c.Value), Does.Contain("member").And.Not.Contain("admin"));
    }

    [Test]
    public async Task Keystone_s_admin_role_makes_an_OCCI_admin_only_when_AdminRoles_names_it()
    {
        var (token, _) = await TokenAsync("admin");
        Assert.That(await RolesAsync(_server, token), Does.Not.Contain("admin"));

        await using var configured = await RunningServer.StartAsync(null, services => services.AddSingleton<TimeProvider>(_clock),
            ("Occi:Auth:Schemes", "Keystone"), ("Occi:Auth:Keystone:Url", _keystone), ("Occi:Auth:Keystone:ServiceUser", "admin"),
            ("Occi:Auth:Keystone:ServicePassword", "secret"), ("Occi:Auth:Keystone:ServiceProject", "admin"),
            ("Occi:Auth:Keystone:AdminRoles", "admin"));
        Assert.That(await RolesAsync(configured, token), Does.Contain("admin"));
    }

    private static async Task<IEnumerable<string>> RolesAsync(RunningServer server, string token)
    {
        using var scope = server.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Headers["X-Auth-Token"] = token;
        var result = await http.AuthenticateAsync("Keystone");
        Assert.That(result.Succeeded, Is.True, result.Failure?.Message);
        return result.Principal!.FindAll(OcciClaims.Role).Select(c => c.Value).ToArray();
    }

    [Test]
    public async Task A_garbage_token_is_401_with_the_Keystone_challenge_alone()
    {
        using var response = await _server.Client.SendAsync(As("garbage", HttpMethod.Get, "/-/"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.GetValues("WWW-Authenticate"), Is.EqualTo(new[] { $"Keystone uri=\"{_keystone}\"" }));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Keystone does not know the token"));
    }

    [Test]
    public async Task No_token_is_401_whose_challenge_rOCCI_cli_can_read()
    {
        using var response = await _server.Client.SendAsync(As(null, HttpMethod.Get, "/-/"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var match = System.Text.RegularExpressions.Regex.Match(response.Headers.WwwAuthenticate.ToString(), "^(Keystone|snf-auth) uri=(\"|')(.+)(\"|')$");
        Assert.That(match.Groups[3].Value, Is.EqualTo(_keystone));
    }

    [Test]
    public async Task A_revoked_token_is_refused_once_the_revalidation_interval_has_passed()
    {
        var (token, _) = await TokenAsync("demo");
        using (var before = await _server.Client.SendAsync(As(token, HttpMethod.Get, "/-/")))
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var revoke = new HttpRequestMessage(HttpMethod.Delete, _keystone + "/auth/tokens");
        revoke.Headers.Add("X-Auth-Token", token);
        revoke.Headers.Add("X-Subject-Token", token);
        using (var revoked = await Keystone.SendAsync(revoke))
            Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        _clock.Advance(TimeSpan.FromSeconds(31));
        using var after = await _server.Client.SendAsync(As(token, HttpMethod.Get, "/-/"));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await after.Content.ReadAsStringAsync(), Does.Contain("revoked"));
    }

    [Test]
    public async Task A_token_past_its_expires_at_is_refused()
    {
        var (token, _) = await TokenAsync("demo");
        using (var before = await _server.Client.SendAsync(As(token, HttpMethod.Get, "/-/")))
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _clock.Advance(TimeSpan.FromHours(2)); // Keystone's tokens last an hour
        using var after = await _server.Client.SendAsync(As(token, HttpMethod.Get, "/-/"));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Two_projects_see_only_their_own_entities()
    {
        var (demo, _) = await TokenAsync("demo");
        var (other, _) = await TokenAsync("other");
        var location = await CreateComputeAsync(demo);

        using var own = await _server.Client.SendAsync(As(demo, HttpMethod.Get, location));
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var foreign = await _server.Client.SendAsync(As(other, HttpMethod.Get, location));
        Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using var list = await _server.Client.SendAsync(As(other, HttpMethod.Get, "/compute/"));
        Assert.That(await list.Content.ReadAsStringAsync(), Does.Not.Contain(location));
    }
}
