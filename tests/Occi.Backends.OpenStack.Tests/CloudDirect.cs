using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>Nova and Glance asked directly with a token, as an operator would check what the gateway left in the cloud.</summary>
internal sealed class CloudDirect(string token) : IDisposable
{
    private readonly HttpClient _http = Client(token);

    public const string Nova = "http://127.0.0.1:8774/v2.1/";
    public const string Glance = "http://127.0.0.1:9292/v2/";

    public static async Task<CloudDirect> AsAsync(string user = "demo") => new((await OpenStackCloud.TokenAsync(user)).Token);

    private static HttpClient Client(string token)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Add("X-Auth-Token", token);
        http.DefaultRequestHeaders.Add("OpenStack-API-Version", "compute 2.79");
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }

    public async Task<JsonNode?> GetAsync(string url)
    {
        using var response = await _http.GetAsync(url);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }

    public async Task<HttpStatusCode> DeleteAsync(string url)
    {
        using var response = await _http.DeleteAsync(url);
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
        var list = await GetAsync(Glance + "images?name=" + OpenStackCloud.TinyImageName);
        return list!["images"]!.AsArray()[0]!["id"]!.GetValue<string>();
    }

    /// <summary>Polls until <paramref name="done"/> holds or the deadline passes (a real cloud reaching a state).</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> done, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until)
        {
            if (await done()) return true;
            await Task.Delay(500);
        }
        return await done();
    }

    public void Dispose() => _http.Dispose();
}
