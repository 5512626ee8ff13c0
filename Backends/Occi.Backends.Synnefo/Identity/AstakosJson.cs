using System.Text.Json.Serialization;

namespace Occi.Backends.Synnefo.Identity;

// Astakos' token API (identity-api-guide, "Tokens API Operations" → "Authenticate"): Keystone v2.0's shapes, with
// Synnefo's own endpoint members (SNF:uiURL, SNF:webloginURL) beside publicURL. Differs from the OpenStack backend's
// Keystone v3: the token is in the body ("access.token.id"), not in X-Subject-Token; a catalog endpoint has one
// publicURL instead of one entry per interface; the expiry is "expires", not "expires_at".

internal sealed record AuthenticateRequest(AuthenticateBody Auth);
internal sealed record AuthenticateBody(TokenRef Token);
internal sealed record TokenRef(string Id);

internal sealed record AccessEnvelope(Access? Access);
internal sealed record Access(
    AccessToken? Token,
    [property: JsonPropertyName("serviceCatalog")] List<AstakosService>? ServiceCatalog,
    AstakosUser? User);
internal sealed record AccessToken(string? Id, DateTimeOffset? Expires, AstakosTenant? Tenant);
internal sealed record AstakosTenant(string? Id, string? Name);
internal sealed record AstakosService(string? Type, string? Name, List<AstakosEndpoint>? Endpoints);
internal sealed record AstakosEndpoint([property: JsonPropertyName("publicURL")] string? PublicUrl, [property: JsonPropertyName("versionId")] string? VersionId);
internal sealed record AstakosUser(string? Id, string? Name, List<AstakosRole>? Roles);
internal sealed record AstakosRole(string? Name);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuthenticateRequest))]
[JsonSerializable(typeof(AccessEnvelope))]
internal sealed partial class AstakosJson : JsonSerializerContext;
