using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Occi.Backends.Synnefo.Tests.Simulator;

/// <summary>
/// The answers the simulated Synnefo services share: JSON bodies, and faults in the OpenStack v2 shape the Cyclades
/// guides use ({"itemNotFound": {"code": 404, "message": …}}, {"overLimit": …} for 413), and the request's JSON body.
/// </summary>
internal static class SimulatorReplies
{
    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(), "application/json", System.Text.Encoding.UTF8, status);

    public static IResult Fault(int status, string message)
    {
        var name = status switch
        {
            400 => "badRequest",
            401 => "unauthorized",
            403 => "forbidden",
            404 => "itemNotFound",
            409 => "conflict",
            413 => "overLimit",
            503 => "serviceUnavailable",
            _ => "computeFault",
        };
        return Json(new JsonObject { [name] = new JsonObject { ["code"] = status, ["message"] = message } }, status);
    }

    public static IResult Unauthorized() => Fault(StatusCodes.Status401Unauthorized, "Missing or expired user token");

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

    public static string? String(JsonObject body, string name) => body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
