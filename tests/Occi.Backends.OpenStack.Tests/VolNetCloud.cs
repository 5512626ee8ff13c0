using System.Net;
using System.Text.Json.Nodes;
using Occi.Server.Tests.Support;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>
/// Cinder, Neutron and Nova asked directly, as an operator would check what the gateway did: with demo's token
/// (the account the gateway acts as in these tests) and, for what only an administrator may do (an external network,
/// a project with its own quota), with admin's.
/// </summary>
internal sealed class VolNetCloud : IDisposable
{
    private const string CinderUrl = "http://127.0.0.1:8776/v3/";
    private const string NeutronUrl = "http://127.0.0.1:9696/v2.0/";
    private const string NovaUrl = "http://127.0.0.1:8774/v2.1/";

    private readonly HttpClient _http = new();
    private readonly string _token;
    private readonly string _project;

    private VolNetCloud(string token, string project)
    {
        _token = token;
        _project = project;
    }

    public string ProjectId => _project;

    public static async Task<VolNetCloud> AsAsync(string user = "demo")
    {
        var (token, project) = await OpenStackDirect.TokenAsync(user);
        return new VolNetCloud(token, project);
    }

    /// <summary>GET on a service; null for 404.</summary>
    public async Task<JsonNode?> GetAsync(string url)
    {
        using var request = Request(HttpMethod.Get, url);
        using var response = await _http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text);
    }

    public async Task<JsonNode> SendAsync(HttpMethod method, string url, JsonNode? body = null)
    {
        using var request = Request(method, url);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"); // sized: the services refuse chunked bodies
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode || method == HttpMethod.Delete && response.StatusCode == HttpStatusCode.NotFound,
            $"{method} {url}: {(int)response.StatusCode} {text}");
        return text.Length > 0 ? JsonNode.Parse(text)! : new JsonObject();
    }

    public string Cinder(string path) => $"{CinderUrl}{_project}/{path}";
    public static string Neutron(string path) => NeutronUrl + path;
    public static string Nova(string path) => NovaUrl + path;

    public async Task<JsonNode?> VolumeAsync(string id) => (await GetAsync(Cinder("volumes/" + id)))?["volume"];

    /// <summary>The gateway's volumes Cinder still lists (its metadata mark), deleting ones too.</summary>
    public async Task<JsonArray> GatewayVolumesAsync() =>
        (await GetAsync(Cinder("volumes/detail?metadata=" + Uri.EscapeDataString($"{{\"occi_gateway\":\"{GatewayTest.Tag}\"}}"))))!["volumes"]!.AsArray();

    public async Task<JsonArray> ListAsync(string neutronCollection, string query = "") =>
        (await GetAsync(Neutron(neutronCollection + query)))![neutronCollection.Replace('-', '_')]!.AsArray();

    /// <summary>Polls until <paramref name="done"/> holds, at most <paramref name="seconds"/>: the cloud reaching a state, not a timing.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, double seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var value = await read();
        while (!done(value))
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"{what} did not happen within {seconds} s (last: {value})");
            await Task.Delay(500);
            value = await read();
        }
        return value;
    }

    private HttpRequestMessage Request(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("X-Auth-Token", _token);
        if (url.StartsWith(CinderUrl, StringComparison.Ordinal)) request.Headers.TryAddWithoutValidation("OpenStack-API-Version", "volume 3.60");
        if (url.StartsWith(NovaUrl, StringComparison.Ordinal)) request.Headers.TryAddWithoutValidation("OpenStack-API-Version", "compute 2.79");
        return request;
    }

    public void Dispose() => _http.Dispose();
}
