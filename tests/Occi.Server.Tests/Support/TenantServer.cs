using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Occi.Core.StoreContracts;
using Occi.Server.Auth.Basic;

namespace Occi.Server.Tests.Support;

/// <summary>
/// The real server with Occi:Auth:Schemes=Basic and three users: alice (tenant-a), bob (tenant-b) and root
/// (tenant ops, role admin). Requests are sent as one of them; <see cref="StoreSnapshotAsync"/> reads what is stored.
/// </summary>
public sealed class TenantServer : IAsyncDisposable
{
    public const string Alice = "alice", Bob = "bob", Root = "root";
    public const string ResourceTplScheme = "http://occigateway.local/occi/infrastructure/resource_tpl#";
    public const string OsTplScheme = "http://occigateway.local/occi/infrastructure/os_tpl#";

    private readonly string _users;

    private TenantServer(RunningServer server, string users)
    {
        Server = server;
        _users = users;
    }

    public RunningServer Server { get; }

    public static async Task<TenantServer> StartAsync(params (string Key, string Value)[] settings)
    {
        var users = Path.Combine(Path.GetTempPath(), "occi-tenants-" + Guid.NewGuid().ToString("N"));
        // Few iterations keep the tests quick; the format and the check are those of the default count.
        await File.WriteAllLinesAsync(users,
        [
            $"{Alice}:{PasswordHash.Create(Alice + "-pw", 1000)}:tenant-a",
            $"{Bob}:{PasswordHash.Create(Bob + "-pw", 1000)}:tenant-b",
            $"{Root}:{PasswordHash.Create(Root + "-pw", 1000)}:ops:admin",
        ]);
        var all = new List<(string, string)> { ("Occi:Auth:Schemes", "Basic"), ("Occi:Auth:Basic:UsersFile", users) };
        all.AddRange(settings);
        return new TenantServer(await RunningServer.StartAsync(null, all.ToArray()), users);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        File.Delete(_users);
    }

    public HttpRequestMessage Request(string user, HttpMethod method, string path, string? body = null, string accept = "text/plain",
        params (string Name, string Value)[] headers)
    {
        var request = Server.Request(method, path, accept);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{user}-pw")));
        if (body is not null) request.Content = RunningServer.TextPlain(body);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    public Task<HttpResponseMessage> SendAsync(string user, HttpMethod method, string path, string? body = null, string accept = "text/plain",
        params (string Name, string Value)[] headers) =>
        Server.Client.SendAsync(Request(user, method, path, body, accept, headers));

    /// <summary>Creates an entity as <paramref name="user"/> and returns its path.</summary>
    public async Task<string> CreateAsync(string user, string collection, string body)
    {
        using var response = await SendAsync(user, HttpMethod.Post, collection, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return response.Headers.Location!.AbsolutePath;
    }

    public async Task<string> GetTextAsync(string user, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await SendAsync(user, HttpMethod.Get, path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        return text;
    }

    /// <summary>Every stored entity: location → (version, owner, mixins and attributes as text), to compare before and after.</summary>
    public async Task<IReadOnlyDictionary<string, string>> StoreSnapshotAsync()
    {
        var records = await Server.Services.GetRequiredService<IEntityStore>().QueryAsync(new EntityQuery(), CancellationToken.None);
        return records.ToDictionary(r => r.Entity.Location!, r =>
            $"v{r.Version} {r.Owner} [{string.Join(",", r.Entity.Mixins)}] {string.Join(";", r.Entity.Attributes.Select(a => a.Key + "=" + a.Value))}");
    }

    public async Task<int> StoredCountAsync(string? owner, params Occi.Core.Model.CategoryId[] kinds) =>
        await Server.Services.GetRequiredService<IEntityStore>().CountAsync(new EntityQuery { Owner = owner, Kinds = kinds.Length == 0 ? null : kinds }, CancellationToken.None);

    /// <summary>A path like <paramref name="location"/> (same length, same parent) where nothing is.</summary>
    public static string Missing(string location)
    {
        var slash = location.LastIndexOf('/');
        var id = location[(slash + 1)..];
        var fresh = Guid.NewGuid().ToString("N");
        while (fresh.Length < id.Length) fresh += Guid.NewGuid().ToString("N");
        return location[..(slash + 1)] + fresh[..id.Length];
    }
}
