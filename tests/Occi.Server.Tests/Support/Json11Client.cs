using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Occi.Server.Tests.Support;

/// <summary>Requests as OCCI 1.1-era JSON clients send them (rOCCI 4.x announces itself with OCCI/1.1).</summary>
public static class Json11Client
{
    public const string RocciAgent = "rOCCI-core/4.2.5 rOCCI-api/4.2.0.beta.12 OCCI/1.1 ruby-x86_64-linux/1.9.3p194";
    public const string Occi12Agent = "occi-client/1.0 OCCI/1.2";
    public const string Json = "application/occi+json";

    public static HttpRequestMessage Request(RunningServer server, HttpMethod method, string path, string? body = null,
        string? userAgent = RocciAgent, string accept = Json)
    {
        var request = server.Request(method, path, accept);
        if (userAgent is not null) request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue(Json));
        return request;
    }

    public static async Task<(HttpResponseMessage Response, string Body)> SendJsonAsync(RunningServer server, HttpMethod method, string path,
        string? body = null, string? userAgent = RocciAgent, string accept = Json)
    {
        var response = await server.Client.SendAsync(Request(server, method, path, body, userAgent, accept));
        return (response, await response.Content.ReadAsStringAsync());
    }

    public static JsonObject Object(string body) => (JsonObject)JsonNode.Parse(body)!;

    /// <summary>Category identities (scheme+term) in a model rendering's part.</summary>
    public static IEnumerable<JsonObject> Part(JsonObject model, string part) =>
        (model[part] as JsonArray ?? []).Cast<JsonObject>();

    public static string IdOf(JsonObject category) => (string)category["scheme"]! + (string)category["term"]!;
}
