using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Occi.Backends.Synnefo.Tests.Simulator;

/// <summary>What the simulated Cyclades/Network and block storage read of a request: its JSON body under the guide's wrapper, and its strings.</summary>
internal static class RequestBodies
{
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

    /// <summary>The user a request's X-Auth-Token belongs to; null without a valid one.</summary>
    public static string? UserOf(SimulatedCloud cloud, HttpRequest request) => cloud.Holder(request.Headers["X-Auth-Token"].ToString())?.UserId;
}
