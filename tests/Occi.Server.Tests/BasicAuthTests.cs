using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Occi.Server.Auth;
using Occi.Server.Auth.Basic;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>Occi:Auth:Schemes=Basic against a users file, through Kestrel: who may ask, and which tenant they act in.</summary>
public sealed class BasicAuthTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly CapturedLog _log = new();
    private readonly CredentialFiles _files = new();
    private RunningServer _server = null!;
    private string _users = null!;

    // Few iterations keep the test quick; the format and the check are the same as for the default count.
    private static readonly string Alice = $"alice:{PasswordHash.Create("alice-secret", 1000)}:tenant-a";
    private static readonly string Bob = $"bob:{PasswordHash.Create("bob-secret", 1000)}:tenant-b";

    [SetUp]
    public async Task Start()
    {
        _log.Lines.Clear(); // one fixture instance for all its tests
        _users = _files.Write("users", "# user:hash:tenant[:role]", Alice, Bob);
        _server = await RunningServer.StartAsync(null, services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<ILoggerProvider>(_log);
        }, ("Occi:Auth:Schemes", "Basic"), ("Occi:Auth:Basic:UsersFile", _users), ("Occi:ModelRefreshSeconds", "86400"));
    }

    [TearDown]
    public async Task Stop()
    {
        await _server.DisposeAsync();
        _files.Dispose();
    }

    private async Task<HttpStatusCode> StatusAsync(string user, string password)
    {
        using var response = await _server.Client.SendAsync(As(user, password, HttpMethod.Get, "/compute/"));
        return response.StatusCode;
    }

    /// <summary>The file changed on disk and the server's next look at it is due.</summary>
    private void Edit(params string[] lines)
    {
        CredentialFiles.Rewrite(_users, lines);
        _clock.Advance(CredentialsFile<BasicUsers>.CheckInterval);
    }

    private HttpRequestMessage As(string? user, string? password, HttpMethod method, string path)
    {
        var request = _server.Request(method, path);
        if (user is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return request;
    }

    [Test]
    public async Task No_credentials_is_401_with_the_basic_challenge()
    {
        using var response = await _server.Client.SendAsync(As(null, null, HttpMethod.Get, "/-/"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Basic realm=\"OCCI\""));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("needs credentials"));
    }

    [TestCase("alice", "wrong")]
    [TestCase("nobody", "alice-secret")]
    public async Task Wrong_credentials_are_401_and_change_nothing(string user, string password)
    {
        var create = As(user, password, HttpMethod.Post, "/compute/");
        create.Content = RunningServer.TextPlain(OcciText.ComputeCategory);
        using var response = await _server.Client.SendAsync(create);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("user name or password is wrong"));

        using var list = await _server.Client.SendAsync(As("alice", "alice-secret", HttpMethod.Get, "/compute/"));
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await list.Content.ReadAsStringAsync(), Does.Not.Contain("X-OCCI-Location"));
    }

    [Test]
    public async Task Each_user_sees_only_its_tenants_entities()
    {
        var create = As("alice", "alice-secret", HttpMethod.Post, "/compute/");
        create.Content = RunningServer.TextPlain(OcciText.ComputeCategory);
        using var created = await _server.Client.SendAsync(create);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var location = created.Headers.Location!.AbsolutePath;

        using var own = await _server.Client.SendAsync(As("alice", "alice-secret", HttpMethod.Get, location));
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var other = await _server.Client.SendAsync(As("bob", "bob-secret", HttpMethod.Get, location));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using var missing = await _server.Client.SendAsync(As("bob", "bob-secret", HttpMethod.Get, "/compute/" + Guid.NewGuid()));
        Assert.That(await other.Content.ReadAsStringAsync(), Is.EqualTo((await missing.Content.ReadAsStringAsync()).Replace(missing.RequestMessage!.RequestUri!.AbsolutePath, location)));
    }

    [Test]
    public void A_hash_round_trips_and_refuses_another_password()
    {
        var encoded = PasswordHash.Create("pw", 1000);
        Assert.That(PasswordHash.TryParse(encoded, out var parsed, out _), Is.True);
        Assert.That(PasswordHash.Verify("pw", parsed), Is.True);
        Assert.That(PasswordHash.Verify("pW", parsed), Is.False);
        Assert.That(PasswordHash.TryParse("md5$1$x$y", out _, out var error), Is.False);
        Assert.That(error, Does.Contain("pbkdf2-sha256"));
    }

    [Test]
    public async Task A_user_removed_from_the_file_is_refused_once_the_file_is_read_again_though_its_password_was_verified_before()
    {
        Assert.That(await StatusAsync("bob", "bob-secret"), Is.EqualTo(HttpStatusCode.OK));
        Edit(Alice);
        Assert.That(await StatusAsync("bob", "bob-secret"), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await StatusAsync("alice", "alice-secret"), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_user_whose_hash_changed_is_refused_with_the_old_password_and_accepted_with_the_new()
    {
        Assert.That(await StatusAsync("alice", "alice-secret"), Is.EqualTo(HttpStatusCode.OK));
        Edit($"alice:{PasswordHash.Create("new-secret", 1000)}:tenant-a", Bob);
        Assert.That(await StatusAsync("alice", "alice-secret"), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await StatusAsync("alice", "new-secret"), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_user_added_to_the_file_is_accepted_once_the_file_is_read_again()
    {
        Assert.That(await StatusAsync("carol", "carol-secret"), Is.EqualTo(HttpStatusCode.Unauthorized));
        Edit(Alice, Bob, $"carol:{PasswordHash.Create("carol-secret", 1000)}:tenant-c");
        Assert.That(await StatusAsync("carol", "carol-secret"), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_bad_new_users_file_keeps_the_users_read_before_and_logs_the_line_that_is_wrong()
    {
        Edit(Alice, "bob:not-a-hash:tenant-b");
        Assert.That(await StatusAsync("bob", "bob-secret"), Is.EqualTo(HttpStatusCode.OK));
        var error = _log.Lines.Single(l => l.Level == LogLevel.Error);
        Assert.That(error.Message, Does.Contain(_users).And.Contain("line 2").And.Contain("pbkdf2-sha256"));

        // Fixed, it is read again.
        Edit(Alice);
        Assert.That(await StatusAsync("bob", "bob-secret"), Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
