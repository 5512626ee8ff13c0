using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Occi.Server.Tests.Support;

/// <summary>
/// The real OpenStack of ../shared/openstack (started by .ci/run; OCCI_TEST_OPENSTACK is its Keystone v3 URL), asked
/// directly with a token, as an operator would check what the gateway did or left in the cloud: Nova, Glance, Cinder,
/// Neutron and Keystone, each request with its own service's microversion header only. Users: demo/secret in project
/// demo (member, the account the gateway acts as in the tests), admin/secret in project admin (for what only an
/// administrator may do: an external network, a project with its own quota). The one such helper, shared by the
/// backend's tests (linked into that project) and the server's.
/// </summary>
internal sealed class OpenStackDirect(string token, string? projectId = null) : IDisposable
{
    private readonly HttpClient _http = Client(token);

    public const string Nova = "http://127.0.0.1:8774/v2.1/";
    public const string Glance = "http://127.0.0.1:9292/v2/";
    private const string CinderRoot = "http://127.0.0.1:8776/v3/";
    private const string NeutronRoot = "http://127.0.0.1:9696/v2.0/";

    public const string Category = "OpenStack";

    public static string IdentityUrl =>
        Environment.GetEnvironmentVariable("OCCI_TEST_OPENSTACK") is { Length: > 0 } url ? url.TrimEnd('/')
        : throw new IgnoreException("OCCI_TEST_OPENSTACK is not set: no OpenStack to test against (.ci/run starts ../shared/openstack and sets it)");

    /// <summary>The image `tiny` up.sh uploads and the flavor m1.tiny (id 1).</summary>
    public const string TinyImageName = "tiny";
    public const string TinyFlavorId = "1";

    public static async Task<OpenStackDirect> AsAsync(string user = "demo")
    {
        var (token, project) = await TokenAsync(user);
        return new(token, project);
    }

    /// <summary>The project the token is scoped to (Cinder's URLs name it).</summary>
    public string ProjectId => projectId ?? throw new InvalidOperationException("made with a token alone: use AsAsync for Cinder");

    public string Cinder(string path) => $"{CinderRoot}{ProjectId}/{path}";
    public static string Neutron(string path) => NeutronRoot + path;

    /// <summary>A Keystone token and the project id for a user, asked directly (as a client of the gateway would).</summary>
    public static async Task<(string Token, string ProjectId)> TokenAsync(string user = "demo", string password = "secret")
    {
        using var http = new HttpClient();
        var body = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject { ["user"] = new JsonObject { ["name"] = user, ["domain"] = new JsonObject { ["id"] = "default" }, ["password"] = password } },
                },
                ["scope"] = new JsonObject { ["project"] = new JsonObject { ["name"] = user, ["domain"] = new JsonObject { ["id"] = "default" } } },
            },
        };
        // A sized body: Keystone's WSGI server refuses a chunked one (400).
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(IdentityUrl + "/auth/tokens", content);
        response.EnsureSuccessStatusCode();
        var token = response.Headers.GetValues("X-Subject-Token").First();
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (token, json["token"]!["project"]!["id"]!.GetValue<string>());
    }


    private static HttpClient Client(string token)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Auth-Token", token);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }

    /// <summary>A request with the microversion of the service it goes to, and no other's (Cinder refuses a compute one).</summary>
    private static HttpRequestMessage Request(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        if (url.StartsWith(Nova, StringComparison.Ordinal)) request.Headers.Add("OpenStack-API-Version", "compute 2.79");
        else if (url.StartsWith(CinderRoot, StringComparison.Ordinal)) request.Headers.Add("OpenStack-API-Version", "volume 3.60");
        return request;
    }

    /// <summary>GET on a service; null for 404.</summary>
    public async Task<JsonNode?> GetAsync(string url)
    {
        using var request = Request(HttpMethod.Get, url);
        using var response = await _http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"GET {url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text);
    }

    public async Task<HttpStatusCode> DeleteAsync(string url)
    {
        using var request = Request(HttpMethod.Delete, url);
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The server, or null once Nova no longer lists it (a deleted one may show DELETED or deleting for a moment).</summary>
    public async Task<JsonNode?> ServerAsync(string id)
    {
        var server = (await GetAsync(Nova + "servers/" + id))?["server"];
        return server?["status"]?.GetValue<string>() == "DELETED" ? null : server;
    }

    public async Task<bool> KeypairExistsAsync(string name) => await GetAsync(Nova + "os-keypairs/" + name) is not null;

    /// <summary>Images of the project with this name (a saved compute's snapshot).</summary>
    public async Task<IReadOnlyList<string>> ImagesNamedAsync(string name)
    {
        var list = await GetAsync(Glance + "images?name=" + Uri.EscapeDataString(name));
        return list?["images"]?.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToArray() ?? [];
    }

    public async Task<string> TinyImageIdAsync()
    {
        var list = await GetAsync(Glance + "images?name=" + TinyImageName);
        return list!["images"]!.AsArray()[0]!["id"]!.GetValue<string>();
    }

    /// <summary>The Nova server the gateway made for an OCCI entity, found by its occi_id metadata.</summary>
    public async Task<string?> ServerIdOfAsync(string entityId)
    {
        var servers = await GetAsync(Nova + "servers/detail");
        return servers!["servers"]!.AsArray().FirstOrDefault(s => s!["metadata"]?["occi_id"]?.GetValue<string>() == entityId)?["id"]?.GetValue<string>();
    }

    /// <summary>Whatever a test made for an entity, removed directly whatever failed on the way: server, keypair, saved image.</summary>
    public async Task RemoveAsync(string? serverId, string entityId, string? snapshotName = null)
    {
        if (serverId is not null) await DeleteAsync(Nova + "servers/" + serverId);
        await DeleteAsync(Nova + "os-keypairs/occi-" + entityId);
        if (snapshotName is null) return;
        foreach (var image in await ImagesNamedAsync(snapshotName)) await DeleteAsync(Glance + "images/" + image);
    }

    /// <summary>Revokes a token (DELETE /v3/auth/tokens; a token may revoke itself), as when it expires under its holder.</summary>
    public static async Task RevokeAsync(string token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Delete, IdentityUrl + "/auth/tokens");
        request.Headers.Add("X-Auth-Token", token);
        request.Headers.Add("X-Subject-Token", token);
        using var response = await http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    /// <summary>
    /// Sends a JSON body (sized: the services' WSGI servers refuse a chunked one) and reads the JSON answer (an empty
    /// object for none); asserts success, a DELETE of what is already gone included.
    /// </summary>
    public async Task<JsonNode> SendAsync(HttpMethod method, string url, JsonNode? body = null)
    {
        using var request = Request(method, url);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode || method == HttpMethod.Delete && response.StatusCode == HttpStatusCode.NotFound, Is.True,
            $"{method} {url}: {(int)response.StatusCode} {text}");
        return text.Length > 0 ? JsonNode.Parse(text)! : new JsonObject();
    }

    public async Task<JsonNode?> VolumeAsync(string id) => (await GetAsync(Cinder("volumes/" + id)))?["volume"];

    /// <summary>The volumes of a gateway Cinder still lists (its metadata mark <paramref name="gatewayTag"/>), deleting ones too.</summary>
    public async Task<JsonArray> GatewayVolumesAsync(string gatewayTag) =>
        (await GetAsync(Cinder("volumes/detail?metadata=" + Uri.EscapeDataString($"{{\"occi_gateway\":\"{gatewayTag}\"}}"))))!["volumes"]!.AsArray();

    /// <summary>A Neutron collection (networks, ports, security-groups…), with a query.</summary>
    public async Task<JsonArray> ListAsync(string neutronCollection, string query = "") =>
        (await GetAsync(Neutron(neutronCollection + query)))![neutronCollection.Replace('-', '_')]!.AsArray();

    /// <summary>Polls until <paramref name="done"/> holds or the deadline passes (a real cloud reaching a state); whether it did.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> done, TimeSpan deadline) =>
        (await PollAsync(done, d => d, deadline)).Reached;

    /// <summary>Polls until <paramref name="done"/> holds of what <paramref name="read"/> reads, at most <paramref name="seconds"/>, and returns it; fails the test otherwise.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, double seconds = 60)
    {
        var (reached, value) = await PollAsync(read, done, TimeSpan.FromSeconds(seconds));
        if (!reached) Assert.Fail($"{what} did not happen within {seconds} s (last: {value})");
        return value;
    }

    private static async Task<(bool Reached, T Last)> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        var value = await read();
        while (!done(value))
        {
            if (DateTime.UtcNow > until) return (false, value);
            await Task.Delay(500);
            value = await read();
        }
        return (true, value);
    }

    public void Dispose() => _http.Dispose();
}
