using System.Text;
using System.Text.Json;

namespace Occi.Server.Tests.Support;

/// <summary>Requests to a Keystone as rOCCI-cli sends them: Accept and Content-Type application/json, the token in X-Auth-Token.</summary>
public static class KeystoneRequests
{
    public static HttpRequestMessage Json(HttpMethod method, string url, string? xAuthToken = null, string? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.ParseAdd("application/json");
        if (xAuthToken is not null) request.Headers.Add("X-Auth-Token", xAuthToken);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return request;
    }

    /// <summary>POST auth/tokens' body: the token method, scoped to a project.</summary>
    public static string ScopeBody(string token, string project) => JsonSerializer.Serialize(new
    {
        auth = new
        {
            identity = new { methods = new[] { "token" }, token = new { id = token } },
            scope = new { project = new { id = project } },
        },
    });
}
