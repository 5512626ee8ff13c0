using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Occi.Server.Auth.Basic;

namespace Occi.Server.Tests.Support;

/// <summary>
/// A server with Basic and Signature on, users and keys files written by the test, an optional mapping file, and
/// its log captured. Users: alice (tenant-a), bob (tenant-b), carol and dave (no tenant in the file) by password;
/// erin (no tenant) and frank (tenant-f) by key.
/// </summary>
public abstract class FileUsersServer
{
    protected readonly CapturedLog Log = new();
    protected readonly CredentialFiles Files = new();
    protected readonly byte[] ErinKey = RandomNumberGenerator.GetBytes(32);
    protected readonly byte[] FrankKey = RandomNumberGenerator.GetBytes(32);
    protected RunningServer Server = null!;

    /// <summary>The mapping file's text; null: none.</summary>
    protected virtual string? Mapping => null;

    [SetUp]
    public async Task StartServer()
    {
        Log.Lines.Clear(); // NUnit keeps one fixture instance for all its tests
        var users = Files.Write("users",
            $"alice:{PasswordHash.Create("alice-secret", 1000)}:tenant-a",
            $"bob:{PasswordHash.Create("bob-secret", 1000)}:tenant-b",
            $"carol:{PasswordHash.Create("carol-secret", 1000)}:",
            $"dave:{PasswordHash.Create("dave-secret", 1000)}:");
        var keys = Files.Write("keys", $"erin:{Convert.ToBase64String(ErinKey)}:", $"frank:{Convert.ToBase64String(FrankKey)}:tenant-f");
        var settings = new List<(string, string)>
        {
            ("Occi:Auth:Schemes", "Basic,Signature"), ("Occi:Auth:Basic:UsersFile", users), ("Occi:Auth:Signature:KeysFile", keys),
        };
        if (Mapping is { } mapping) settings.Add(("Occi:Tenancy:MappingFile", Files.Write("mapping", mapping)));
        Server = await RunningServer.StartAsync(null, services => services.AddSingleton<ILoggerProvider>(Log), settings.ToArray());
    }

    [TearDown]
    public async Task StopServer()
    {
        await Server.DisposeAsync();
        Files.Dispose();
    }

    protected HttpRequestMessage Basic(string user, string password, HttpMethod method, string path, string? body = null)
    {
        var request = Server.Request(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        if (body is not null) request.Content = RunningServer.TextPlain(body);
        return request;
    }

    protected static HttpRequestMessage Signed(string user, byte[] key, HttpMethod method, string path, string? body = null) =>
        SignedRequest.Create(user, key, method, path, DateTimeOffset.UtcNow, body);

    protected async Task<(System.Net.HttpStatusCode Status, string Body, HttpResponseMessage Response)> SendAsync(HttpRequestMessage request)
    {
        var response = await Server.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }
}
