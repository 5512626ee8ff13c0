using System.Diagnostics;

namespace Occi.Server.Http;

/// <summary>Structured request log: method, path, status and elapsed time, one line per request.</summary>
internal sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> log)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!log.IsEnabled(LogLevel.Information))
        {
            await next(http);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        await next(http);
        Served(log, http.Request.Method, http.Request.Path.Value ?? "/", http.Response.StatusCode,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} → {Status} in {ElapsedMs:0.0} ms")]
    private static partial void Served(ILogger logger, string method, string path, int status, double elapsedMs);
}
