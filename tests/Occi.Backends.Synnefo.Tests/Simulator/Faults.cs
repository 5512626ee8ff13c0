using Microsoft.AspNetCore.Http;

namespace Occi.Backends.Synnefo.Tests.Simulator;

/// <summary>
/// Synnefo's error answers: OpenStack Compute v2's fault shape, one member named for the fault holding its code,
/// message and details ({"itemNotFound": {"code": 404, "message": …, "details": …}}), which compute-api-guide's
/// overview refers to ("We return a BadRequest Fault") and every service of Synnefo answers with.
/// </summary>
internal static class Faults
{
    public static IResult BadRequest(string message) => Fault("badRequest", 400, message);
    public static IResult Unauthorized(string message) => Fault("unauthorized", 401, message);
    public static IResult Forbidden(string message) => Fault("forbidden", 403, message);
    public static IResult NotFound(string message) => Fault("itemNotFound", 404, message);
    public static IResult BuildInProgress(string message) => Fault("buildInProgress", 409, message);
    public static IResult Conflict(string message) => Fault("conflict", 409, message);
    public static IResult OverLimit(string message) => Fault("overLimit", 413, message);
    public static IResult ServiceUnavailable(string message) => Fault("serviceUnavailable", 503, message);

    private static IResult Fault(string name, int code, string message) =>
        Results.Json(new Dictionary<string, object> { [name] = new { code, message, details = "" } }, statusCode: code);
}
