using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Occi.Server.Auth;
using Occi.Server.Auth.Signature;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>Occi:Auth:Schemes=Signature: requests signed with a key of the keys file, through Kestrel, on a clock the test moves.</summary>
public sealed class SignatureAuthTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 6, 0, 0, TimeSpan.Zero);
    private readonly byte[] _aliceKey = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _bobKey = RandomNumberGenerator.GetBytes(32);
    private readonly CredentialFiles _files = new();
    private FakeTimeProvider _clock = null!;
    private RunningServer _server = null!;
    private string _keys = null!;

    private const string Compute = "Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\nX-OCCI-Attribute: occi.core.title=\"signed\"";

    [SetUp]
    public async Task Start()
    {
        _clock = new FakeTimeProvider(Now);
        _keys = _files.Write("keys", "# user:base64key:tenant[:role]",
            $"alice:{Convert.ToBase64String(_aliceKey)}:tenant-a", $"bob:{Convert.ToBase64String(_bobKey)}:tenant-b");
        _server = await RunningServer.StartAsync(null, services => services.AddSingleton<TimeProvider>(_clock),
            ("Occi:Auth:Schemes", "Signature"), ("Occi:Auth:Signature:KeysFile", _keys), ("Occi:ModelRefreshSeconds", "86400"),
            ("Occi:Limits:MaxBodyBytes", "4096"));
    }

    [TearDown]
    public async Task Stop()
    {
        await _server.DisposeAsync();
        _files.Dispose();
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpRequestMessage request)
    {
        using var response = await _server.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private HttpRequestMessage Alice(HttpMethod method, string target, string? body = null) =>
        SignedRequest.Create("alice", _aliceKey, method, target, _clock.GetUtcNow(), body);

    private async Task<string> ListComputesAsync(string user, byte[] key)
    {
        var (status, body) = await SendAsync(SignedRequest.Create(user, key, HttpMethod.Get, "/compute/", _clock.GetUtcNow()));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        return body;
    }

    [Test]
    public async Task A_signed_create_is_201_the_body_reaching_the_endpoint_whole_and_in_the_signers_tenant()
    {
        using var created = await _server.Client.SendAsync(Alice(HttpMethod.Post, "/compute/", Compute));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var location = created.Headers.Location!.AbsolutePath;

        var (status, body) = await SendAsync(Alice(HttpMethod.Get, location));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Does.Contain("occi.core.title=\"signed\""));
        Assert.That(await ListComputesAsync("alice", _aliceKey), Does.Contain(location));
        Assert.That(await ListComputesAsync("bob", _bobKey), Does.Not.Contain(location));
    }

    [Test]
    public async Task A_signed_get_with_a_query_is_200()
    {
        var (status, body) = await SendAsync(Alice(HttpMethod.Get, "/compute/?page=1&number=10"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
    }

    [Test]
    public async Task No_credentials_is_401_with_the_signature_challenge()
    {
        using var response = await _server.Client.SendAsync(_server.Request(HttpMethod.Get, "/compute/"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Signature "));
    }

    [Test]
    public async Task A_replayed_signature_is_401_within_the_window_and_the_replay_creates_nothing()
    {
        var first = Alice(HttpMethod.Post, "/compute/", Compute);
        var replay = Alice(HttpMethod.Post, "/compute/", Compute); // the same bytes, headers and Date: the same signature
        Assert.That((await SendAsync(first)).Status, Is.EqualTo(HttpStatusCode.Created));
        _clock.Advance(TimeSpan.FromMinutes(4));
        var (status, body) = await SendAsync(replay);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(body, Does.Contain("already used"));
        var listing = await ListComputesAsync("alice", _aliceKey);
        Assert.That(listing.Split("X-OCCI-Location").Length - 1, Is.EqualTo(1));
    }

    [TestCase(-6)]
    [TestCase(6)]
    public async Task A_date_more_than_five_minutes_from_the_clock_is_401(int minutes)
    {
        var request = SignedRequest.Create("alice", _aliceKey, HttpMethod.Get, "/compute/", _clock.GetUtcNow().AddMinutes(minutes));
        var (status, body) = await SendAsync(request);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(body, Does.Contain("Date"));
    }

    [TestCase(-4)]
    [TestCase(4)]
    public async Task A_date_within_five_minutes_of_the_clock_is_accepted(int minutes)
    {
        var request = SignedRequest.Create("alice", _aliceKey, HttpMethod.Get, "/compute/", _clock.GetUtcNow().AddMinutes(minutes));
        Assert.That((await SendAsync(request)).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("method")]
    [TestCase("path")]
    [TestCase("query")]
    [TestCase("body")]
    [TestCase("date")]
    [TestCase("user")]
    [TestCase("key")]
    public async Task A_tampered_request_is_401_and_changes_nothing(string part)
    {
        var date = _clock.GetUtcNow();
        var dateText = SignedRequest.HttpDate(date);
        var body = System.Text.Encoding.UTF8.GetBytes(Compute);
        var signature = SignedRequest.Signature(_aliceKey, "POST", "/compute/?x=1", dateText, body);
        var (method, target, sentDate, sentBody, user) = part switch
        {
            "method" => ("PUT", "/compute/?x=1", dateText, Compute, "alice"),
            "path" => ("POST", "/storage/?x=1", dateText, Compute, "alice"),
            "query" => ("POST", "/compute/?x=2", dateText, Compute, "alice"),
            "body" => ("POST", "/compute/?x=1", dateText, Compute.Replace("signed", "tampered"), "alice"),
            "date" => ("POST", "/compute/?x=1", SignedRequest.HttpDate(date.AddSeconds(1)), Compute, "alice"),
            "user" => ("POST", "/compute/?x=1", dateText, Compute, "bob"),
            _ => ("POST", "/compute/?x=1", dateText, Compute, "alice"),
        };
        if (part == "key") signature = SignedRequest.Signature(_bobKey, "POST", "/compute/?x=1", dateText, body);
        var request = new HttpRequestMessage(new HttpMethod(method), target) { Content = RunningServer.TextPlain(sentBody) };
        request.Headers.TryAddWithoutValidation("Date", sentDate);
        request.Headers.TryAddWithoutValidation("x-username", user);
        request.Headers.TryAddWithoutValidation("x-signature", signature);
        var (status, answer) = await SendAsync(request);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized), answer);
        Assert.That(answer, Does.Contain("signature does not match"));
        Assert.That(answer, Does.Not.Contain(signature));
        Assert.That(await ListComputesAsync("alice", _aliceKey), Does.Not.Contain("X-OCCI-Location"));
        Assert.That(await ListComputesAsync("bob", _bobKey), Does.Not.Contain("X-OCCI-Location"));
    }

    [TestCase("x-signature")]
    [TestCase("Date")]
    public async Task A_signed_request_missing_a_part_is_401_naming_it(string missing)
    {
        var request = Alice(HttpMethod.Get, "/compute/");
        request.Headers.Remove(missing);
        var (status, body) = await SendAsync(request);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(body, Does.Contain(missing));
    }

    [Test]
    public async Task An_unknown_user_is_401_as_a_wrong_signature()
    {
        var (status, body) = await SendAsync(SignedRequest.Create("mallory", _aliceKey, HttpMethod.Get, "/compute/", _clock.GetUtcNow()));
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(body, Does.Contain("the user is unknown or the signature does not match"));
    }

    [Test]
    public async Task A_body_over_the_limit_is_413_before_it_is_hashed_whole()
    {
        var (status, body) = await SendAsync(Alice(HttpMethod.Post, "/compute/", Compute + "\n" + new string('#', 5000)));
        Assert.That(status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), body);
    }

    [Test]
    public async Task A_key_removed_from_the_file_is_refused_once_the_file_is_read_again()
    {
        await ListComputesAsync("bob", _bobKey);
        CredentialFiles.Rewrite(_keys, $"alice:{Convert.ToBase64String(_aliceKey)}:tenant-a");
        _clock.Advance(CredentialsFile<SignatureKeys>.CheckInterval);
        var (status, _) = await SendAsync(SignedRequest.Create("bob", _bobKey, HttpMethod.Get, "/compute/", _clock.GetUtcNow()));
        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
