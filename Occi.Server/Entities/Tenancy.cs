using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Server.Entities;

/// <summary>
/// Who sees which tenant's entities (issue 14): a caller its own tenant's, a caller with the <see cref="AdminRole"/>
/// every tenant's. The server's own background work (reconciliation, intent completion) acts as <see cref="System"/>,
/// which sees every tenant's entities as an admin does. User mixins are scoped the same way: a user mixin belongs to
/// the tenant that defined it (<see cref="Mixin.Owner"/>); to every other tenant it is a category that does not exist.
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

    /// <summary>
    /// Whether the caller sees a category: every one but another tenant's user mixins and provider mixins meant for
    /// other tenants (<see cref="Mixin.Tenants"/>: an appliance of a VO the caller's tenant is not mapped from). An
    /// admin sees them all.
    /// </summary>
    public static bool Sees(Caller caller, Category? category) => category switch
    {
        Mixin { IsUserDefined: true, Owner: { } owner } => owner == caller.Tenant || SeesEveryTenant(caller),
        Mixin { Tenants: { } tenants } => tenants.Contains(caller.Tenant) || SeesEveryTenant(caller),
        _ => true,
    };

    /// <summary>
    /// The mixins an entity of <paramref name="owner"/> is given must not be another tenant's user mixins. To a caller
    /// that does not see the mixin it does not exist (the validator's words for an unknown mixin); an admin is told why.
    /// </summary>
    public static void CheckApplicable(Caller caller, string? owner, IEnumerable<CategoryId> mixins, CategorySnapshot model)
    {
        foreach (var id in mixins)
        {
            // A provider mixin meant for some tenants only (an appliance of a VO) does not exist for the others.
            if (model.FindMixin(id) is { IsUserDefined: false, Tenants: not null } limited && !Sees(caller, limited))
                throw OcciException.BadRequest($"mixin {id} is not known to this server");
            if (model.FindMixin(id) is not { IsUserDefined: true, Owner: { } mixinOwner } mixin || mixinOwner == owner) continue;
            throw Sees(caller, mixin)
                ? OcciException.BadRequest($"user mixin {id} is tenant {mixinOwner}'s; it applies only to that tenant's entities")
                : OcciException.BadRequest($"mixin {id} is not known to this server");
        }
    }
}
