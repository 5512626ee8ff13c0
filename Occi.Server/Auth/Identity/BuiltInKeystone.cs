using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Occi.Core.BackendContracts;
using Occi.Server.Auth.Keystone;

namespace Occi.Server.Auth.Identity;

/// <summary>
/// The minimal Keystone this server offers where no real one fronts the cloud (Occi:Auth:Keystone:BuiltIn): the
/// part of the Identity API v3 rOCCI-cli 4.3 walks through after reading <c>Keystone uri=</c> from a 401 —
/// version discovery; federated authentication (<c>OS-FEDERATION/identity_providers/&lt;idp&gt;/protocols/oidc/auth</c>
/// with an OIDC bearer token, <c>…/mapped/auth</c> with an X.509 client certificate), each through this server's own
/// scheme of that name; <c>GET auth/projects</c> (the one tenant the caller maps to) and <c>POST auth/tokens</c> (the
/// token method, scoped to that project). Its tokens are <see cref="IdentityTokens"/>, which the Keystone scheme
/// accepts without a remote call.
/// </summary>
internal sealed partial class BuiltInKeystone(
    IOptions<KeystoneAuthOptions> options, IdentityTokens tokens, CallerMapping mapping, IAuthenticationSchemeProvider schemes,
    TimeProvider time, ILogger<BuiltInKeystone> log)
{
    private const string Federation = "v3/OS-FEDERATION/identity_providers/";
    private const string JsonType = "application/json";
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>Everything under the configured path; <paramref name="rest"/> is what follows it.</summary>
    public async Task HandleAsync(HttpContext http, string? rest)
    {
        var path = (rest ?? "").TrimEnd('/');
        var get = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        var post = HttpMethods.IsPost(http.Request.Method);
        switch (path)
        {
            case "" when get:
                await WriteAsync(http, StatusCodes.Status300MultipleChoices, json =>
                {
                    json.WriteStartObject("versions");
                    json.WriteStartArray("values");
                    WriteVersion(http, json, "v2.0");
                    WriteVersion(http, json, "v3");
                    json.WriteEndArray();
                    json.WriteEndObject();
                });
                return;
            case "v3" when get:
                await WriteAsync(http, StatusCodes.Status200OK, json =>
                {
                    json.WritePropertyName("version");
                    WriteVersion(http, json, "v3");
                });
                return;
            case "v2.0" when get:
                await WriteAsync(http, StatusCodes.Status200OK, json =>
                {
                    json.WritePropertyName("version");
                    WriteVersion(http, json, "v2.0");
                });
                return;
            case "v2.0/tokens" when post:
                await V2TokensAsync(http);
                return;
            case "v2.0/tenants" when get:
                await V2TenantsAsync(http);
                return;
            case "v3/auth/projects" when get:
                await ProjectsAsync(http);
                return;
            case "v3/auth/tokens" when post:
                await ScopedTokenAsync(http);
                return;
        }
        // rOCCI-cli sends GET; the Identity API documents POST as well. Any identity provider name is taken.
        if ((get || post) && path.StartsWith(Federation, StringComparison.Ordinal))
        {
            if (path.EndsWith("/protocols/oidc/auth", StringComparison.Ordinal)) { await FederatedAsync(http, AuthSchemeNames.Oidc); return; }
            if (path.EndsWith("/protocols/mapped/auth", StringComparison.Ordinal)) { await FederatedAsync(http, AuthSchemeNames.X509); return; }
        }
        await ErrorAsync(http, StatusCodes.Status404NotFound, $"this Keystone serves no {http.Request.Method} {options.Value.BuiltIn}{rest}");
    }

    /// <summary>An unscoped token for whoever the named scheme of this server authenticates (an OIDC token, a certificate).</summary>
    private async Task FederatedAsync(HttpContext http, string scheme)
    {
        if (await CallerOfAsync(http, scheme) is not { } caller) return;
        var (token, grant) = tokens.Issue(caller.Name, caller.Tenant, caller.Roles, scoped: false);
        await WriteTokenAsync(http, token, grant, scheme);
    }

    /// <summary>The caller the named scheme of this server makes of the request; null once the refusal is written.</summary>
    private async Task<Caller?> CallerOfAsync(HttpContext http, string scheme)
    {
        if (await schemes.GetSchemeAsync(scheme) is null)
        {
            await RefuseAsync(http, scheme, $"{scheme} is not among this server's Occi:Auth:Schemes");
            return null;
        }
        var result = await http.AuthenticateAsync(scheme);
        if (!result.Succeeded)
        {
            await RefuseAsync(http, scheme, result.Failure?.Message ?? $"the request carries no {scheme} credentials");
            return null;
        }
        if (mapping.Map(result.Principal) is not { } caller)
        {
            await RefuseAsync(http, scheme, "the identity maps to no tenant of this server");
            return null;
        }
        return caller;
    }

    private async Task ProjectsAsync(HttpContext http)
    {
        if (Grant(http, out var problem) is not { } grant)
        {
            await RefuseAsync(http, AuthSchemeNames.Keystone, problem);
            return;
        }
        await WriteAsync(http, StatusCodes.Status200OK, json =>
        {
            json.WriteStartArray("projects");
            WriteProject(json, grant.Tenant);
            json.WriteEndArray();
            json.WriteStartObject("links");
            json.WriteString("self", Url(http, "v3/auth/projects"));
            json.WriteNull("previous");
            json.WriteNull("next");
            json.WriteEndObject();
        });
    }

    /// <summary>POST auth/tokens, token method: the caller's token exchanged for one scoped to its project.</summary>
    private async Task ScopedTokenAsync(HttpContext http)
    {
        string? presented = null, project = null;
        if (await ReadBodyAsync(http) is not { } body) return;
        try
        {
            var auth = body.RootElement.GetProperty("auth");
            var identity = auth.GetProperty("identity");
            if (identity.GetProperty("methods").EnumerateArray().Any(m => m.GetString() == "token"))
                presented = identity.GetProperty("token").GetProperty("id").GetString();
            if (auth.TryGetProperty("scope", out var scope) && scope.TryGetProperty("project", out var p))
                project = p.TryGetProperty("id", out var id) ? id.GetString() : p.TryGetProperty("name", out var name) ? name.GetString() : null;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, "expected {\"auth\":{\"identity\":{\"methods\":[\"token\"],\"token\":{\"id\":…}},\"scope\":{\"project\":{\"id\":…}}}}");
            return;
        }
        finally
        {
            body.Dispose();
        }
        if (presented is null)
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, "this Keystone takes the token method only (identity.methods [\"token\"])");
            return;
        }
        if (tokens.Read(presented, out var problem) is not { } grant)
        {
            await RefuseAsync(http, AuthSchemeNames.Keystone, problem!);
            return;
        }
        if (project is null || project != grant.Tenant)
        {
            await RefuseAsync(http, AuthSchemeNames.Keystone, project is null ? "the request names no project scope" : "the project is not one of the token's projects");
            return;
        }
        var (token, scoped) = tokens.Issue(grant.Name, grant.Tenant, grant.Roles, scoped: true, notAfter: grant.ExpiresAt);
        await WriteTokenAsync(http, token, scoped, AuthSchemeNames.Keystone);
    }

    /// <summary>The request's JSON body, at most <see cref="MaxBodyBytes"/>; null once the 400 or 413 is written.</summary>
    private static async Task<JsonDocument?> ReadBodyAsync(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        try
        {
            return await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ErrorAsync(http, StatusCodes.Status413PayloadTooLarge, $"a request to this Keystone is at most {MaxBodyBytes} bytes");
        }
        catch (JsonException)
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, "the body is not JSON");
        }
        return null;
    }

    private IdentityGrant? Grant(HttpContext http, out string problem)
    {
        var token = http.Request.Headers[TokenHeader.Name].ToString();
        if (token.Length == 0)
        {
            problem = $"the request carries no {TokenHeader.Name}";
            return null;
        }
        var grant = tokens.Read(token, out var why);
        problem = why ?? "";
        return grant;
    }

    private Task WriteTokenAsync(HttpContext http, string token, IdentityGrant grant, string method)
    {
        http.Response.Headers["X-Subject-Token"] = token;
        return WriteAsync(http, StatusCodes.Status201Created, json =>
        {
            json.WriteStartObject("token");
            json.WriteStartArray("methods");
            json.WriteStringValue(method == AuthSchemeNames.Keystone ? "token" : method.ToLowerInvariant());
            json.WriteEndArray();
            json.WriteStartObject("user");
            json.WriteString("id", grant.Name);
            json.WriteString("name", grant.Name);
            WriteDomain(json);
            json.WriteEndObject();
            json.WriteString("issued_at", time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ"));
            json.WriteString("expires_at", grant.ExpiresAt.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ"));
            if (grant.Scoped)
            {
                json.WritePropertyName("project");
                WriteProject(json, grant.Tenant);
            }
            json.WriteStartArray("roles");
            foreach (var role in grant.Roles)
            {
                json.WriteStartObject();
                json.WriteString("id", role);
                json.WriteString("name", role);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void WriteProject(Utf8JsonWriter json, string tenant)
    {
        json.WriteStartObject();
        json.WriteString("id", tenant);
        json.WriteString("name", tenant);
        json.WriteString("domain_id", "default");
        WriteDomain(json);
        json.WriteBoolean("enabled", true);
        json.WriteEndObject();
    }

    private static void WriteDomain(Utf8JsonWriter json)
    {
        json.WriteStartObject("domain");
        json.WriteString("id", "default");
        json.WriteString("name", "Default");
        json.WriteEndObject();
    }

    private void WriteVersion(HttpContext http, Utf8JsonWriter json, string version)
    {
        json.WriteStartObject();
        json.WriteString("id", version == "v3" ? "v3.14" : version);
        json.WriteString("status", "stable");
        json.WriteString("updated", "2020-04-07T00:00:00Z");
        json.WriteStartArray("links");
        json.WriteStartObject();
        json.WriteString("rel", "self");
        json.WriteString("href", Url(http, version + "/"));
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("media-types");
        json.WriteStartObject();
        json.WriteString("base", JsonType);
        json.WriteString("type", $"application/vnd.openstack.identity-{(version == "v3" ? "v3" : "v2.0")}+json");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private string Url(HttpContext http, string rest) =>
        $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{options.Value.BuiltIn}{rest}";

    private Task RefuseAsync(HttpContext http, string scheme, string reason)
    {
        LogRefused(log, scheme, reason, http.Request.Path.Value, http.Connection.RemoteIpAddress?.ToString());
        return ErrorAsync(http, StatusCodes.Status401Unauthorized, reason);
    }

    /// <summary>Keystone's error document: {"error":{"code","title","message"}}.</summary>
    private static Task ErrorAsync(HttpContext http, int status, string message) => WriteAsync(http, status, json =>
    {
        json.WriteStartObject("error");
        json.WriteNumber("code", status);
        json.WriteString("title", ReasonPhrases.GetReasonPhrase(status));
        json.WriteString("message", message);
        json.WriteEndObject();
    });

    private static async Task WriteAsync(HttpContext http, int status, Action<Utf8JsonWriter> write)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = JsonType;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }
        http.Response.ContentLength = buffer.Length;
        if (!HttpMethods.IsHead(http.Request.Method)) await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), http.RequestAborted);
    }

    // The audit trail of the built-in Keystone: the scheme and the reason, never a credential.
    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "built-in Keystone refused {Scheme} ({Reason}) for {Path} from {Remote}")]
    private static partial void LogRefused(ILogger logger, string scheme, string reason, string? path, string? remote);
}
