using System.Security.Claims;

namespace Occi.Server.Auth.Tenancy;

/// <summary>
/// One rule of the mapping file: the identity properties it asks for (every one given must match some claim of the
/// principal) and the tenant and role it grants.
/// </summary>
internal sealed class TenancyRule
{
    private readonly List<Func<ClaimsPrincipal, bool>> _conditions = [];

    public TenancyRule(string tenant, string? role)
    {
        Tenant = tenant;
        Role = role;
    }

    public string Tenant { get; }
    public string? Role { get; }
    public int Conditions => _conditions.Count;

    /// <summary>Some claim of one of these types matches the pattern.</summary>
    public void Require(IdentityPattern pattern, Func<string, string> normalise, params string[] claimTypes) =>
        _conditions.Add(p => p.Claims.Any(c => claimTypes.Contains(c.Type) && pattern.Matches(normalise(c.Value))));

    /// <summary>The identity's name matches, and a scheme of these authenticated it.</summary>
    public void RequireName(IdentityPattern pattern, params string[] schemes) =>
        _conditions.Add(p => p.FindFirst(OcciClaims.Scheme)?.Value is { } s && schemes.Contains(s)
            && p.FindFirst(OcciClaims.Name)?.Value is { } name && pattern.Matches(name));

    public bool Matches(ClaimsPrincipal principal) => _conditions.TrueForAll(c => c(principal));
}
