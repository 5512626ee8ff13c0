using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Occi.Server.Dashboard;

/// <summary>
/// The dashboard's static files (issue 17), built into the server as embedded resources (Dashboard/Files), so a
/// published gateway serves /dashboard/ with nothing beside it and nothing fetched from the internet. Read once;
/// each answer carries its ETag, is revalidated (no-cache), and may only run this origin's script and talk to it.
/// </summary>
internal sealed class DashboardFiles
{
    public const string Prefix = "/dashboard/";

    /// <summary>Same-origin only: the page's script and style, fetches to the gateway, no frames, no inline code.</summary>
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private readonly FrozenDictionary<string, DashboardFile> _files;

    private sealed record DashboardFile(byte[] Bytes, string ContentType, string ETag);

    public DashboardFiles()
    {
        var assembly = typeof(DashboardFiles).Assembly;
        var files = new Dictionary<string, DashboardFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith("dashboard/", StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"";
            files[name["dashboard/".Length..]] = new DashboardFile(bytes, ContentTypeOf(name), etag);
        }
        _files = files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IEnumerable<string> Names => _files.Keys;

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => "application/octet-stream",
    };

    /// <summary>GET /dashboard/{file}: the file, 304 when the client has it, 404 for any other name.</summary>
    public Task ServeAsync(HttpContext http, string? file)
    {
        var name = string.IsNullOrEmpty(file) ? "index.html" : file;
        var response = http.Response;
        if (!_files.TryGetValue(name, out var found))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentType = "text/plain; charset=utf-8";
            return response.WriteAsync($"the dashboard has no file {Prefix}{name}\n");
        }
        var headers = response.Headers;
        headers.ETag = found.ETag;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers[HeaderNames.XFrameOptions] = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        if (http.Request.Headers.IfNoneMatch.ToString() == found.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.ContentType = found.ContentType;
        response.ContentLength = found.Bytes.Length;
        return HttpMethods.IsHead(http.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(found.Bytes).AsTask();
    }
}
