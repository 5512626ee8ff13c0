using Occi.Core.BackendContracts;

namespace Occi.Server.Entities;

/// <summary>
/// Who sees which tenant's entities (issue 14): a caller its own tenant's, a caller with the <see cref="AdminRole"/>
/// every tenant's. The server's own background work (reconciliation, intent completion) acts as <see cref="System"/>,
/// which sees every tenant's entities as an admin does.
/// </summary>
internal static class Tenancy
{
    /// <summary>The role (OcciClaims.Role → Caller.Roles) that sees and manages every tenant's entities.</summary>
    public const string AdminRole = "admin";

    /// <summary>The tenant every request acts in while authentication is off, and the server's own work.</summary>
    public const string DefaultTenant = "default";

    /// <summary>The server acting by itself: tenant "default" with the admin role, so no tenant's entity is hidden from it.</summary>
    public static readonly Caller System = new("system", DefaultTenant, [AdminRole]);

    public static bool SeesEveryTenant(Caller caller)
    {
        foreach (var role in caller.Roles)
            if (string.Equals(role, AdminRole, StringComparison.Ordinal)) return true;
        return false;
    }
}
