using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Occi.Backends.Synnefo.Tests.Simulator.SimulatorReplies;

namespace Occi.Backends.Synnefo.Tests.Simulator;

/// <summary>
/// Astakos' quota API in the simulator, as docs/quota-api-guide.rst publishes it: "Get Resource List" (GET
/// /astakos/api/resources, no token) and "Get Quotas" (GET /astakos/api/quotas with the user's X-Auth-Token, 401
/// without): per source ("system", the user's own), per resource, its limit, what is used and what is available.
/// A resource without a limit set shows the simulator's stand-in for unlimited.
/// </summary>
internal sealed class AstakosQuotaApi(SimulatedQuotas quotas, Func<HttpRequest, string?> userOf)
{
    /// <summary>What an unset limit shows: larger than anything a test uses, as sites set "unlimited" resources.</summary>
    public const long Unlimited = 1L << 50;

    public void Map(IEndpointRouteBuilder routes, string root = "/astakos/api")
    {
        routes.MapGet(root + "/resources", Resources);
        routes.MapGet(root + "/quotas", Quotas);
    }

    // "Get Resource List": 200 {"<resource>": {"unit", "description", "service"}}.
    private static IResult Resources() =>
        Json(new JsonObject([.. SimulatedQuotas.Resources.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)new JsonObject
        {
            ["unit"] = r.Value.Unit,
            ["description"] = r.Value.Description,
            ["service"] = "cyclades",
        }))]));

    // "Get Quotas": 200 {"system": {"<resource>": {"available", "limit", "used"}}}; 401 Unauthorized (Missing token).
    private IResult Quotas(HttpRequest request)
    {
        if (userOf(request) is not { } user) return Fault(401, "Unauthorized (Missing token)");
        var system = new JsonObject();
        foreach (var resource in SimulatedQuotas.Resources.Keys)
        {
            var limit = quotas.LimitOf(user, resource) ?? Unlimited;
            var used = quotas.UsageOf(user, resource);
            system[resource] = new JsonObject { ["available"] = Math.Max(0, limit - used), ["limit"] = limit, ["used"] = used };
        }
        return Json(new JsonObject { ["system"] = system });
    }
}
