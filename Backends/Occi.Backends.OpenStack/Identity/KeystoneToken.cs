namespace Occi.Backends.OpenStack.Identity;

/// <summary>A token Keystone issued or validated: its value (never logged), when it dies, the project it is scoped to and its catalog.</summary>
internal sealed record KeystoneToken(string Value, DateTimeOffset ExpiresAt, string ProjectId, string UserId, IReadOnlyList<string> Roles, ServiceCatalog Catalog)
{
    public bool IsAdmin => Roles.Contains("admin", StringComparer.Ordinal);
}
