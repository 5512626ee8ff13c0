using System.Text.Json;
using Occi.Backends.OpenStack.Http;
using Occi.Core;

namespace Occi.Backends.OpenStack.Identity;

/// <summary>
/// Keystone v3's token API, the two calls the gateway makes: issue a token for an account (POST /v3/auth/tokens,
/// password with a project scope or an application credential) and read a caller's token (GET /v3/auth/tokens with
/// X-Subject-Token: its own catalog and project). The token travels in X-Subject-Token, never in a log line.
/// </summary>
internal sealed class KeystoneClient(OpenStackHttp http, OpenStackOptions options)
{
    private readonly Uri _tokens = new(options.IdentityUrl.TrimEnd('/') + "/auth/tokens", UriKind.Absolute);

    public async Task<KeystoneToken> IssueAsync(OpenStackAccount account, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(Request(account), KeystoneJson.Default.AuthRequest);
        using var response = await http.SendToAsync(OpenStackService.Identity, _tokens, HttpMethod.Post, null, [], body, ct);
        return await ReadAsync(response, ct);
    }

    /// <summary>The caller's token as Keystone knows it; null when Keystone does not know it (404: not one of its tokens, or expired).</summary>
    public async Task<KeystoneToken?> ValidateAsync(string token, CancellationToken ct)
    {
        try
        {
            using var response = await http.SendToAsync(OpenStackService.Identity, _tokens, HttpMethod.Get, token, [("X-Subject-Token", token)], null, ct);
            return await ReadAsync(response, ct, token);
        }
        catch (OcciException e) when (e.Kind is OcciErrorKind.NotFound or OcciErrorKind.Unauthorized)
        {
            return null;
        }
    }

    private async Task<KeystoneToken> ReadAsync(HttpResponseMessage response, CancellationToken ct, string? known = null)
    {
        var value = known ?? (response.Headers.TryGetValues("X-Subject-Token", out var values) ? values.FirstOrDefault() : null);
        TokenBody? token;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            token = (await JsonSerializer.DeserializeAsync(stream, KeystoneJson.Default.TokenResponse, ct))?.Token;
        }
        catch (JsonException e)
        {
            throw new OcciException(OcciErrorKind.BackendFailure, $"Keystone answered a token request with JSON the gateway cannot read ({e.Message})", e);
        }
        if (value is null || token is null)
            throw new OcciException(OcciErrorKind.BackendFailure, "Keystone answered a token request without the token or its body");
        if (token.Project?.Id is not { } projectId)
            throw new OcciException(OcciErrorKind.BackendFailure, "Keystone issued a token without a project scope: the account needs a ProjectName (or an application credential of a project)");
        return new KeystoneToken(value, token.ExpiresAt, projectId, token.User?.Id ?? "",
            (token.Roles ?? []).Select(r => r.Name ?? "").ToArray(), ServiceCatalog.From(token.Catalog, options));
    }

    private static AuthRequest Request(OpenStackAccount a) => a.UsesApplicationCredential
        ? new AuthRequest(new AuthBody(new AuthIdentity(["application_credential"], null,
            new ApplicationCredentialMethod(a.ApplicationCredentialId, a.ApplicationCredentialSecret)), null))
        : new AuthRequest(new AuthBody(
            new AuthIdentity(["password"], new PasswordMethod(new PasswordUser(a.Username, new NamedRef(a.UserDomain), a.Password)), null),
            new AuthScope(new ScopeProject(a.ProjectName, new NamedRef(a.ProjectDomain)))));
}
