using System.Text.Json;
using Occi.Backends.OpenStack.Identity;
using Occi.Backends.Synnefo.Http;
using Occi.Core;

namespace Occi.Backends.Synnefo.Identity;

/// <summary>
/// Astakos' one call the gateway makes: POST {IdentityUrl}/tokens with the token in the body (identity-api-guide,
/// "Authenticate"), which says whose it is, until when, in which project, and lists the services it reaches.
/// A refused token (401, or 404 as "Validate token" answers an unknown one) is null; the token is never logged.
/// </summary>
internal sealed class AstakosClient(SynnefoHttp http, SynnefoOptions options)
{
    private readonly Uri _tokens = new(options.IdentityUrl.TrimEnd('/') + "/tokens", UriKind.Absolute);
    private readonly OpenStack.OpenStackOptions _catalogOptions = options.AsOpenStack();

    public async Task<AstakosGrant?> AuthenticateAsync(string token, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new AuthenticateRequest(new AuthenticateBody(new TokenRef(token))), AstakosJson.Default.AuthenticateRequest);
        Access? access;
        try
        {
            using var response = await http.Requests.SendToAsync(SynnefoServices.Astakos, _tokens, HttpMethod.Post, null, [], body, ct);
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            access = (await JsonSerializer.DeserializeAsync(stream, AstakosJson.Default.AccessEnvelope, ct))?.Access;
        }
        catch (OcciException e) when (e.Kind is OcciErrorKind.Unauthorized or OcciErrorKind.NotFound)
        {
            return null;
        }
        catch (JsonException e)
        {
            throw new OcciException(OcciErrorKind.BackendFailure, $"Astakos answered a token request with JSON the gateway cannot read ({e.Message})", e);
        }
        if (access?.Token is not { Expires: { } expires } issued || access.User?.Id is not { Length: > 0 } userId)
            throw new OcciException(OcciErrorKind.BackendFailure, "Astakos answered a token request without the token's expiry or its user");
        // A token without a tenant acts in the user's system project, whose id is the user's (compute-api-guide, "Create Server": project).
        var project = issued.Tenant?.Id is { Length: > 0 } tenant ? tenant : userId;
        var roles = (access.User.Roles ?? []).Select(r => r.Name ?? "").Where(r => r.Length > 0).ToArray();
        var catalog = ServiceCatalog.From(CatalogOf(access.ServiceCatalog), _catalogOptions);
        return new AstakosGrant(new KeystoneToken(token, expires, project, userId, roles, catalog), access.User.Name is { Length: > 0 } name ? name : userId);
    }

    /// <summary>Astakos' v2.0 catalog as the v3 one the OpenStack catalog reads: each publicURL as the "public" endpoint.</summary>
    private static IEnumerable<CatalogService> CatalogOf(IEnumerable<AstakosService>? services) =>
        (services ?? []).Select(s => new CatalogService(s.Type, s.Name,
            (s.Endpoints ?? []).Select(e => new CatalogEndpoint("public", null, null, e.PublicUrl)).ToList()));
}
