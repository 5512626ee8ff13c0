using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Occi.Backends.Synnefo.Tests.Simulator;

/// <summary>
/// What the simulated Cyclades/Network and block storage share about a request: the guides' X-Auth-Token rule (every
/// call's 401 "Missing or expired user token") and their 503 while Cyclades is unavailable, the user, the JSON body
/// under the guide's wrapper and its strings.
/// </summary>
internal static class CycladesRequests
{
    /// <summary>
    /// Counts the request for <paramref name="service"/>, answers 503 while <see cref="SimulatedCloud.CycladesUnavailable"/>
    /// or the service alone is unavailable, 401 without a valid token, for every call of the group.
    /// </summary>
    public static void RequireUser(RouteGroupBuilder group, SimulatedCloud cloud, SimulatedService service) =>
        group.AddEndpointFilter(async (context, next) =>
        {
            service.Count();
            if (cloud.CycladesUnavailable || service.Unavailable) return Faults.ServiceUnavailable("The service is not currently available");
            if (UserOf(cloud, context.HttpContext.Request) is null) return Faults.Unauthorized("Missing or expired user token");
            return await next(context);
        });

    /// <summary>The request's JSON object under <paramref name="wrapper"/> ("network", "port"…), or null when the body is not that.</summary>
    public static async Task<JsonObject?> BodyAsync(HttpRequest request, string wrapper)
    {
        try
        {
            return (await JsonNode.ParseAsync(request.Body))?[wrapper] as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>A string member, or a number written for an id (Cyclades takes either); null otherwise.</summary>
    public static string? String(JsonObject body, string name) => body[name] switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<long>(out var n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>An id written as a number, as the guides' examples write floating IP, port, server and attachment ids.</summary>
    public static JsonNode IdAsNumber(string id) => long.TryParse(id, out var n) ? JsonValue.Create(n) : JsonValue.Create(id);

    /// <summary>The user a request's X-Auth-Token belongs to; null without a valid one.</summary>
    public static string? UserOf(SimulatedCloud cloud, HttpRequest request) => cloud.Holder(request.Headers["X-Auth-Token"].ToString())?.UserId;
}
