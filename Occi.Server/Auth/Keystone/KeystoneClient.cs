using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Occi.Core;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Occi.Server.Auth.Keystone;

/// <summary>What Keystone says a token proves (Identity API v3, "Validate and show information for token").</summary>
internal sealed record KeystoneIdentity(
    string UserId, string UserName, string? ProjectId, string? ProjectName, IReadOnlyList<string> Roles, DateTimeOffset ExpiresAt);

/// <summary>
/// The two calls the gateway makes to Keystone: get its own service token (password method, or the configured
/// one) and validate a caller's token with it (GET /v3/auth/tokens, X-Subject-Token). Each call goes through a
/// timeout and retries on the container's TimeProvider.
/// </summary>
internal sealed class KeystoneClient
{
    public const string HttpClientName = "Keystone";
    private readonly IHttpClientFactory _http;
    private readonly KeystoneAuthOptions _options;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly SemaphoreSlim _serviceTokenLock = new(1, 1);
    // A reference, swapped whole, so a reader never sees the token of one and the renewal time of another.
    private volatile ServiceToken? _serviceToken;

    public KeystoneClient(IHttpClientFactory http, IOptions<KeystoneAuthOptions> options, TimeProvider time)
    {
        _http = http;
        _options = options.Value;
        _time = time;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (_options.Retries > 0)
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = _options.Retries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>().Handle<TimeoutRejectedException>().HandleResult(r => (int)r.StatusCode >= 500),
            });
        _pipeline = builder.AddTimeout(TimeSpan.FromSeconds(_options.TimeoutSeconds)).Build();
    }

    /// <summary>The token's identity; null when Keystone does not know it (unknown, expired, revoked: a 404).</summary>
    public async Task<KeystoneIdentity?> ValidateAsync(string token, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var service = await ServiceTokenAsync(ct);
            using var response = await SendAsync(() =>
            {
                // nocatalog: the service catalog is not needed and is most of the answer.
                var request = new HttpRequestMessage(HttpMethod.Get, _options.V3 + "/auth/tokens?nocatalog");
                request.Headers.TryAddWithoutValidation(TokenHeader.Name, service);
                request.Headers.TryAddWithoutValidation("X-Subject-Token", token);
                return request;
            }, ct);
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    return await ReadIdentityAsync(response, ct);
                case HttpStatusCode.NotFound:
                    return null;
                case HttpStatusCode.Unauthorized when attempt == 0 && _options.ServiceToken.Length == 0:
                    _serviceToken = null; // expired or revoked under us: get a new one once
                    continue;
                default:
                    throw Unavailable($"Keystone answered {(int)response.StatusCode} to the validation of a token");
            }
        }
    }

    private async Task<string> ServiceTokenAsync(CancellationToken ct)
    {
        if (_options.ServiceToken.Length > 0) return _options.ServiceToken;
        if (_serviceToken is { } known && _time.GetUtcNow() < known.RenewAt) return known.Value;
        await _serviceTokenLock.WaitAsync(ct);
        try
        {
            if (_serviceToken is { } again && _time.GetUtcNow() < again.RenewAt) return again.Value;
            var body = PasswordAuthBody();
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, _options.V3 + "/auth/tokens")
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } },
            }, ct);
            if (response.StatusCode != HttpStatusCode.Created || !response.Headers.TryGetValues("X-Subject-Token", out var values))
                throw Unavailable($"Keystone answered {(int)response.StatusCode} to the gateway's service credentials ({KeystoneAuthOptions.Section}:ServiceUser)");
            var identity = await ReadIdentityAsync(response, ct);
            // Renewed well before it expires, so a validation never goes out with a token about to lapse.
            var now = _time.GetUtcNow();
            var renewAt = now + (identity.ExpiresAt - now) / 2;
            _serviceToken = new ServiceToken(values.First(), renewAt);
            return values.First();
        }
        finally
        {
            _serviceTokenLock.Release();
        }
    }

    private byte[] PasswordAuthBody()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("auth");
            json.WriteStartObject("identity");
            json.WriteStartArray("methods");
            json.WriteStringValue("password");
            json.WriteEndArray();
            json.WriteStartObject("password");
            json.WriteStartObject("user");
            json.WriteString("name", _options.ServiceUser);
            WriteDomain(json);
            json.WriteString("password", _options.ServicePassword);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            if (_options.ServiceProject.Length > 0)
            {
                json.WriteStartObject("scope");
                json.WriteStartObject("project");
                json.WriteString("name", _options.ServiceProject);
                WriteDomain(json);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private void WriteDomain(Utf8JsonWriter json)
    {
        json.WriteStartObject("domain");
        json.WriteString("name", _options.ServiceDomain);
        json.WriteEndObject();
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken ct)
    {
        var client = _http.CreateClient(HttpClientName);
        try
        {
            return await _pipeline.ExecuteAsync(async token =>
            {
                using var message = request();
                message.Headers.Accept.ParseAdd("application/json");
                return await client.SendAsync(message, token);
            }, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException)
        {
            throw Unavailable($"Keystone at {_options.V3} could not be reached ({e.GetType().Name})", e);
        }
    }

    private static async Task<KeystoneIdentity> ReadIdentityAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        try
        {
            var token = document.RootElement.GetProperty("token");
            var user = token.GetProperty("user");
            string? projectId = null, projectName = null;
            if (token.TryGetProperty("project", out var project))
            {
                projectId = project.GetProperty("id").GetString();
                projectName = project.TryGetProperty("name", out var name) ? name.GetString() : null;
            }
            var roles = token.TryGetProperty("roles", out var list)
                ? list.EnumerateArray().Select(r => r.GetProperty("name").GetString()).OfType<string>().ToArray()
                : [];
            return new KeystoneIdentity(
                user.GetProperty("id").GetString() ?? "", user.GetProperty("name").GetString() ?? "", projectId, projectName, roles,
                token.GetProperty("expires_at").GetDateTimeOffset());
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Unavailable("Keystone's answer about a token is not a v3 token document", e);
        }
    }

    private static OcciException Unavailable(string message, Exception? inner = null) => new(OcciErrorKind.Unavailable, message, inner);

    private sealed record ServiceToken(string Value, DateTimeOffset RenewAt);
}
