using System.Text.Json.Serialization;

namespace Occi.Backends.Synnefo.Quotas;

/// <summary>
/// One resource's quota in Astakos' "Get Quotas" answer (docs/quota-api-guide.rst): its limit and what is used. The
/// guide's answer says "used" (and "available"); later Astakos versions say "usage" and add "pending", both read here.
/// Numbers may be large (bytes of memory and disk): doubles.
/// </summary>
internal sealed record AstakosQuota(double? Limit, double? Used, double? Usage, double? Pending)
{
    public double InUse => (Used ?? Usage ?? 0) + (Pending ?? 0);
}

/// <summary>GET /astakos/api/quotas: per source ("system", or a project), per resource ("cyclades.vm"), its quota.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, AstakosQuota>>))]
internal sealed partial class AstakosQuotaJson : JsonSerializerContext;
