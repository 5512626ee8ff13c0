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

    /// <summary>
    /// Sends one request twice as <paramref name="user"/>: once with each placeholder of <paramref name="tokens"/> (in the
    /// path, body and header values) filled with another tenant's value, once with a value naming nothing of the same
    /// length; the two answers must be the same (status, headers but Date, body once the values are placeholders again).
    /// Returns the status and body of the first.
    /// </summary>
    public async Task<(int Status, string Body)> AssertAnsweredAsMissingAsync(string user, string method, string path, string? body, string accept,
        (string Name, string Value)[] headers, params (string Token, string Theirs, string Missing)[] tokens)
    {
        async Task<(HttpResponseMessage, string)> Send(Func<string, string> fill)
        {
            var response = await SendAsync(user, new HttpMethod(method), fill(path), body is null ? null : fill(body), accept,
                headers.Select(h => (h.Name, fill(h.Value))).ToArray());
            return (response, await response.Content.ReadAsStringAsync());
        }
        string Fill(string s, bool theirs) => tokens.Aggregate(s, (acc, t) => acc.Replace(t.Token, theirs ? t.Theirs : t.Missing));
        string Unfill(string s, bool theirs) => tokens.Aggregate(s, (acc, t) => acc.Replace(theirs ? t.Theirs : t.Missing, t.Token));

        var (theirs, theirsBody) = await Send(s => Fill(s, true));
        var (nothing, nothingBody) = await Send(s => Fill(s, false));
        using (theirs)
        using (nothing)
        {
            Assert.That((int)theirs.StatusCode, Is.EqualTo((int)nothing.StatusCode), theirsBody);
            Assert.That(Unfill(theirsBody, true), Is.EqualTo(Unfill(nothingBody, false)));
            Assert.That(HeadersOf(theirs).Select(h => Unfill(h, true)), Is.EqualTo(HeadersOf(nothing).Select(h => Unfill(h, false))));
            return ((int)theirs.StatusCode, theirsBody);
        }
    }

    private static string[] HeadersOf(HttpResponseMessage response) =>
        // Date and the request id (issue 17) differ between any two answers, whoever owns the entity.
        response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date" && !h.Key.Equals("X-Request-Id", StringComparison.OrdinalIgnoreCase))
            .Select(h => h.Key + ": " + string.Join(",", h.Value)).Order(StringComparer.Ordinal).ToArray();

    public static string LastSegment(string path) => path[(path.TrimEnd('/').LastIndexOf('/') + 1)..].TrimEnd('/');

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
