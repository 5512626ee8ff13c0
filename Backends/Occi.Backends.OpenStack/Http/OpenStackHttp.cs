using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Occi.Backends.OpenStack.Changes;
using Occi.Backends.OpenStack.Identity;
using Occi.Core;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Occi.Backends.OpenStack.Http;

/// <summary>
/// The one way a request reaches an OpenStack service: the endpoint from the credential's catalog, X-Auth-Token,
/// the service's microversion header (and no other's), its resilience pipeline, one retry with a new token when
/// an account's token was refused (401: expired or revoked under us), and every failure turned into an
/// <see cref="OcciException"/> carrying the service's fault text (<see cref="OpenStackFault"/>).
/// Typed clients (Nova, Glance; Cinder, Neutron) are thin layers over this. Every call but a GET or HEAD counts in
/// <see cref="WritesInFlight"/> until it is answered, so the change follower's listings wait for it.
/// </summary>
internal sealed class OpenStackHttp(IHttpClientFactory clients, ServicePipelines pipelines, WritesInFlight writes, ILogger<OpenStackHttp> logger)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private const int MaxFaultBytes = 16 * 1024;

    /// <summary>Sends and reads a JSON answer; null for an empty answer (204, or 202 without a body).</summary>
    public async Task<T?> SendAsync<T>(ICredential credential, OpenStackService service, HttpMethod method, string path,
        JsonTypeInfo<T> answer, byte[]? body, CancellationToken ct)
    {
        using var response = await SendForResponseAsync(credential, service, method, path, body, ct);
        if (response.StatusCode == HttpStatusCode.NoContent) return default;
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        if (bytes.Length == 0) return default;
        try
        {
            return JsonSerializer.Deserialize(bytes, answer);
        }
        catch (JsonException e)
        {
            throw new OcciException(OcciErrorKind.BackendFailure, $"{service.DisplayName} answered {method} {PathOnly(path)} with JSON the gateway cannot read ({e.Message})", e);
        }
    }

    /// <summary>Sends and discards the answer (a DELETE, an action's 202).</summary>
    public async Task SendAsync(ICredential credential, OpenStackService service, HttpMethod method, string path, byte[]? body, CancellationToken ct)
    {
        using var response = await SendForResponseAsync(credential, service, method, path, body, ct);
    }

    /// <summary>The successful answer, which the caller disposes; with a new token once when the account's was refused.</summary>
    public async Task<HttpResponseMessage> SendForResponseAsync(ICredential credential, OpenStackService service, HttpMethod method, string path, byte[]? body, CancellationToken ct)
    {
        using var write = CountWrite(method);
        var token = await credential.TokenAsync(ct);
        var response = await SendOnceAsync(service, Endpoint(token, service, path), method, token.Value, body, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized && credential.Forget(token))
        {
            response.Dispose();
            logger.LogInformation("{Service} refused the account's token for {Method} {Path}; asking Keystone for a new one", service.DisplayName, method, PathOnly(path));
            token = await credential.TokenAsync(ct);
            response = await SendOnceAsync(service, Endpoint(token, service, path), method, token.Value, body, ct);
        }
        return await EnsureSuccessAsync(service, method, path, response, ct);
    }

    /// <summary>
    /// Sends a body that is no JSON document (an image's bytes to Glance, a JSON patch) outside the service's
    /// pipeline: an upload lasts as long as its size needs, so the caller bounds it (its token) rather than the
    /// per-request timeout; not retried but for one new token after a 401, so <paramref name="content"/> is made per attempt.
    /// </summary>
    public async Task SendContentAsync(ICredential credential, OpenStackService service, HttpMethod method, string path, Func<HttpContent> content, CancellationToken ct)
    {
        var client = clients.CreateClient(service.ClientName);
        using var write = CountWrite(method);
        for (var attempt = 0; ; attempt++)
        {
            var token = await credential.TokenAsync(ct);
            using var request = new HttpRequestMessage(method, Endpoint(token, service, path)) { Content = content() };
            request.Headers.TryAddWithoutValidation("X-Auth-Token", token.Value);
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            }
            catch (HttpRequestException e)
            {
                throw new OcciException(OcciErrorKind.Unavailable, $"{service.DisplayName} cannot be reached ({e.HttpRequestError})", e);
            }
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0 && credential.Forget(token))
            {
                response.Dispose();
                continue;
            }
            (await EnsureSuccessAsync(service, method, path, response, ct)).Dispose();
            return;
        }
    }

    /// <summary>Sends without the credential logic (Keystone's own token requests); failures mapped all the same.</summary>
    public async Task<HttpResponseMessage> SendToAsync(OpenStackService service, Uri uri, HttpMethod method, string? token, IReadOnlyList<(string, string)> headers,
        byte[]? body, CancellationToken ct)
    {
        var response = await SendOnceAsync(service, uri, method, token, body, ct, headers);
        return await EnsureSuccessAsync(service, method, uri.AbsolutePath, response, ct);
    }

    private WritesInFlight.Scope CountWrite(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head ? default : writes.Enter();

    private static Uri Endpoint(KeystoneToken token, OpenStackService service, string path)
    {
        var root = token.Catalog.Find(service.Type)
            ?? throw new OcciException(OcciErrorKind.BackendFailure, $"the Keystone catalog lists no {service.Type} endpoint ({service.DisplayName}) for the configured interface and region");
        return new Uri(root.AbsoluteUri.TrimEnd('/') + "/" + path, UriKind.Absolute);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(OpenStackService service, Uri uri, HttpMethod method, string? token, byte[]? body,
        CancellationToken ct, IReadOnlyList<(string, string)>? headers = null)
    {
        var idempotent = method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Delete || method == HttpMethod.Put;
        var pipeline = pipelines.For(service, idempotent);
        var client = clients.CreateClient(service.ClientName);
        try
        {
            return await pipeline.ExecuteAsync(static async (s, token) =>
            {
                using var request = new HttpRequestMessage(s.method, s.uri);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (s.authToken is not null) request.Headers.TryAddWithoutValidation("X-Auth-Token", s.authToken);
                if (s.service.MicroversionHeader is { } microversion) request.Headers.TryAddWithoutValidation("OpenStack-API-Version", microversion);
                foreach (var (name, value) in s.headers ?? []) request.Headers.TryAddWithoutValidation(name, value);
                if (s.body is not null)
                {
                    request.Content = new ByteArrayContent(s.body);
                    request.Content.Headers.ContentType = Json;
                }
                return await s.client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            }, (method, uri, authToken: token, service, headers, body, client), ct);
        }
        catch (BrokenCircuitException e)
        {
            throw new OcciException(OcciErrorKind.Unavailable, $"{service.DisplayName} is failing; the gateway holds requests to it off for a while", e) { RetryAfter = e.RetryAfter };
        }
        catch (TimeoutRejectedException e)
        {
            throw new OcciException(OcciErrorKind.Unavailable, $"{service.DisplayName} did not answer {method} {PathOnly(uri.AbsolutePath)} in time", e);
        }
        catch (HttpRequestException e)
        {
            throw new OcciException(OcciErrorKind.Unavailable, $"{service.DisplayName} cannot be reached ({e.HttpRequestError})", e);
        }
    }

    private async Task<HttpResponseMessage> EnsureSuccessAsync(OpenStackService service, HttpMethod method, string path, HttpResponseMessage response, CancellationToken ct)
    {
        // 304: nothing changed since the date asked (Cyclades' List Servers with changes-since): an empty answer, no fault.
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotModified) return response;
        using (response)
        {
            var text = await ReadBoundedAsync(response, ct);
            var fault = OpenStackFault.ToOcci(service, response.StatusCode, text);
            var level = (int)response.StatusCode >= 500 ? LogLevel.Warning : LogLevel.Debug;
            logger.Log(level, "{Service} answered {Status} to {Method} {Path}: {Fault}", service.DisplayName, (int)response.StatusCode, method, PathOnly(path), fault.Message);
            throw fault;
        }
    }

    private static async Task<string> ReadBoundedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[MaxFaultBytes];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0) read += n;
            return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    /// <summary>The path without its query (a marker, a filter): what logs and messages show.</summary>
    private static string PathOnly(string path) => path.IndexOf('?') is var q and >= 0 ? path[..q] : path;
}
