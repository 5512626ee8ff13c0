using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Occi.Backends.Synnefo.Tests.Simulator.CycladesRequests;

namespace Occi.Backends.Synnefo.Tests.Simulator;

/// <summary>
/// Astakos' quota API in the simulator, as docs/quota-api-guide.rst publishes it: "Get Resource List" (GET
/// /astakos/api/resources, no token) and "Get Quotas" (GET /astakos/api/quotas with the user's X-Auth-Token, 401
/// without): per source ("system", the user's own), per resource, its limit, what is used and what is available.
/// A resource without a limit set shows the simulator's stand-in for unlimited.
/// </summary>
internal static class AstakosQuotas
{
    /// <summary>What an unset limit shows: larger than anything a test uses, as sites set "unlimited" resources.</summary>
    public const long Unlimited = 1L << 50;

    /// <summary>Where quota-api-guide puts the calls, on Astakos' host.</summary>
    public const string Path = "/astakos/api";

    public static void Map(RouteGroupBuilder astakos, SimulatedCloud cloud)
    {
        astakos.MapGet("/resources", Resources);
        astakos.MapGet("/quotas", (HttpRequest request) => Quotas(cloud, request));
    }

    // "Get Resource List": 200 {"<resource>": {"unit", "description", "service"}}.
    private static IResult Resources() =>
        Results.Json(new JsonObject([.. SimulatedQuotas.Resources.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)new JsonObject
        {
            ["unit"] = r.Value.Unit,
            ["description"] = r.Value.Description,
            ["service"] = "cyclades",
        }))]));

    // "Get Quotas": 200 {"system": {"<resource>": {"available", "limit", "used"}}}; 401 Unauthorized (Missing token).
    private static IResult Quotas(SimulatedCloud cloud, HttpRequest request)
    {
        if (UserOf(cloud, request) is not { } user) return Faults.Unauthorized("Unauthorized (Missing token)");
        var system = new JsonObject();
        foreach (var resource in SimulatedQuotas.Resources.Keys)
        {
            var limit = cloud.Quotas.LimitOf(user, resource) ?? Unlimited;
            var used = cloud.Quotas.UsageOf(user, resource);
            system[resource] = new JsonObject { ["available"] = Math.Max(0, limit - used), ["limit"] = limit, ["used"] = used };
        }
        return Results.Json(new JsonObject { ["system"] = system });
    }
}
