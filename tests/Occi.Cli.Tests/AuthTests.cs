using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Occi.Cli.Tests.Support;
using Occi.Server.Hosting;
using Occi.Server.Tests.Support;

namespace Occi.Cli.Tests;

/// <summary>--auth basic against the gateway with Occi:Auth:Schemes=Basic (a users file), with its credentials from options or the environment.</summary>
public sealed class BasicAuthTests
{
    private RunningServer _server = null!;
    private string _users = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        var hash = new StringWriter();
        Assert.That(HashPasswordCommand.Run(new StringReader("s3cret\n"), hash, TextWriter.Null), Is.Zero);
        _users = Path.Combine(Path.GetTempPath(), $"occi-cli-users-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(_users, $"alice:{hash.ToString().Trim()}:tenant-a\n");
        _server = await RunningServer.StartAsync(null, ("Occi:Auth:Schemes", "Basic"), ("Occi:Auth:Basic:UsersFile", _users));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _server.DisposeAsync();
        File.Delete(_users);
    }

    [Test]
    public async Task Basic_credentials_create_a_compute_the_user_then_sees()
    {
        var result = await OcciCommandLine.RunAsync("create", "compute", "-o", "plain", "--endpoint", _server.Root, "--auth", "basic", "--user", "alice", "--password", "s3cret");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        using var request = _server.Request(HttpMethod.Get, new Uri(result.Lines.Single()).AbsolutePath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:s3cret")));
        using var response = await _server.Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Basic_credentials_come_from_OCCI_USER_and_OCCI_PASSWORD()
    {
        var env = new Dictionary<string, string> { ["OCCI_ENDPOINT"] = _server.Root, ["OCCI_USER"] = "alice", ["OCCI_PASSWORD"] = "s3cret" };
        var result = await OcciCommandLine.RunAsync(env, "list", "compute", "--auth", "basic", "-o", "plain");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    [Test]
    public async Task A_wrong_password_exits_auth_refused_and_prints_no_password()
    {
        var result = await OcciCommandLine.RunAsync("discover", "--endpoint", _server.Root, "--auth", "basic", "--user", "alice", "--password", "wrong-one");
        Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
        Assert.That(result.Error, Does.Contain("401").And.Not.Contain("wrong-one"));
    }

    [Test]
    public async Task No_credentials_exit_auth_refused()
    {
        var result = await OcciCommandLine.RunAsync("list", "compute", "--endpoint", _server.Root);
        Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
    }

    [Test]
    public async Task Basic_without_a_password_is_a_usage_error()
    {
        var result = await OcciCommandLine.RunAsync("discover", "--endpoint", _server.Root, "--auth", "basic", "--user", "alice");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
    }
}

/// <summary>
/// --auth token against the gateway with Occi:Auth:Schemes=Keystone and a real Keystone (OCCI_TEST_KEYSTONE, its v3 URL:
/// .ci/run starts one with tests/Occi.Server.Tests/Support/keystone-up.sh): the token goes in X-Auth-Token.
/// </summary>
public sealed class TokenAuthTests
{
    private static readonly HttpClient Keystone = new();
    private string _keystone = null!;
    private RunningServer _server = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _keystone = (Environment.GetEnvironmentVariable("OCCI_TEST_KEYSTONE") ?? "").TrimEnd('/');
        if (_keystone.Length == 0)
            Assert.Ignore("OCCI_TEST_KEYSTONE is not set: start Keystone with tests/Occi.Server.Tests/Support/keystone-up.sh (.ci/run does)");
        _server = await RunningServer.StartAsync(null,
            ("Occi:Auth:Schemes", "Keystone"),
            ("Occi:Auth:Keystone:Url", _keystone),
            ("Occi:Auth:Keystone:ServiceUser", "admin"),
            ("Occi:Auth:Keystone:ServicePassword", "secret"),
            ("Occi:Auth:Keystone:ServiceProject", "admin"));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    /// <summary>A token of demo (password method) scoped to its project.</summary>
    private async Task<string> TokenAsync()
    {
        var domain = new { name = "Default" };
        var body = JsonSerializer.Serialize(new
        {
            auth = new
            {
                identity = new { methods = new[] { "password" }, password = new { user = new { name = "demo", domain, password = "secret" } } },
                scope = new { project = new { name = "demo", domain } },
            },
        });
        using var response = await Keystone.PostAsync(_keystone + "/auth/tokens?nocatalog", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return response.Headers.GetValues("X-Subject-Token").Single();
    }

    [Test]
    public async Task A_Keystone_token_creates_and_deletes_a_compute()
    {
        var token = await TokenAsync();
        var created = await OcciCommandLine.RunAsync("create", "compute", "-o", "plain", "--endpoint", _server.Root, "--auth", "token", "--token", token);
        Assert.That(created.ExitCode, Is.Zero, created.ToString());
        var env = new Dictionary<string, string> { ["OCCI_TOKEN"] = token };
        var deleted = await OcciCommandLine.RunAsync(env, "delete", created.Lines.Single(), "--endpoint", _server.Root, "--auth", "token");
        Assert.That(deleted.ExitCode, Is.Zero, deleted.ToString());
    }

    [Test]
    public async Task A_token_Keystone_does_not_know_exits_auth_refused()
    {
        var result = await OcciCommandLine.RunAsync("list", "compute", "--endpoint", _server.Root, "--auth", "token", "--token", "not-a-token");
        Assert.That(result.ExitCode, Is.EqualTo(6), result.ToString());
    }
}
