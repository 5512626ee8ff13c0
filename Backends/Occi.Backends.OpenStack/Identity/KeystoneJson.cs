using System.Text.Json.Serialization;

namespace Occi.Backends.OpenStack.Identity;

// Keystone v3 token API shapes (keystone api-ref, "Password authentication with scoped authorization",
// "Authenticating with an Application Credential", "Validate and show information for token").

internal sealed record AuthRequest(AuthBody Auth);
internal sealed record AuthBody(AuthIdentity Identity, AuthScope? Scope);
internal sealed record AuthIdentity(string[] Methods, PasswordMethod? Password, ApplicationCredentialMethod? ApplicationCredential);
internal sealed record PasswordMethod(PasswordUser User);
internal sealed record PasswordUser(string Name, NamedRef Domain, string Password);
internal sealed record NamedRef(string Name);
internal sealed record ApplicationCredentialMethod(string Id, string Secret);
internal sealed record AuthScope(ScopeProject Project);
internal sealed record ScopeProject(string Name, NamedRef Domain);

internal sealed record TokenResponse(TokenBody? Token);
internal sealed record TokenBody(DateTimeOffset ExpiresAt, IdName? Project, IdName? User, List<IdName>? Roles, List<CatalogService>? Catalog);
internal sealed record IdName(string? Id, string? Name);
internal sealed record CatalogService(string? Type, string? Name, List<CatalogEndpoint>? Endpoints);
internal sealed record CatalogEndpoint(string? Interface, string? Region, string? RegionId, string? Url);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuthRequest))]
[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class KeystoneJson : JsonSerializerContext;
