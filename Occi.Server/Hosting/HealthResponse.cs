using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Occi.Server.Hosting;

/// <summary>
/// The body of <c>GET /health</c> (HealthCheckOptions.ResponseWriter): the overall status first, then each
/// check's status, description and data, so a degraded answer says why. JSON by default; a client that asks
/// for text/plain (and not JSON) gets "Degraded" on the first line and one line per check.
/// </summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        var accept = http.Request.Headers.Accept.ToString();
        return accept.Contains("text/plain", StringComparison.OrdinalIgnoreCase) && !accept.Contains("json", StringComparison.OrdinalIgnoreCase)
            ? WriteTextAsync(http.Response, report)
            : WriteJsonAsync(http.Response, report);
    }

    private static Task WriteTextAsync(HttpResponse response, HealthReport report)
    {
        response.ContentType = "text/plain; charset=utf-8";
        var lines = new List<string> { report.Status.ToString() };
        foreach (var (name, entry) in report.Entries)
            lines.Add($"{name}: {entry.Status}{(entry.Description is { Length: > 0 } d ? " - " + d.ReplaceLineEndings(" ") : "")}");
        return response.WriteAsync(string.Join('\n', lines) + "\n");
    }

    private static async Task WriteJsonAsync(HttpResponse response, HealthReport report)
    {
        response.ContentType = "application/json; charset=utf-8";
        await using var w = new Utf8JsonWriter(response.BodyWriter);
        w.WriteStartObject();
        w.WriteString("status", report.Status.ToString());
        w.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 2));
        w.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            w.WriteStartObject(name);
            w.WriteString("status", entry.Status.ToString());
            if (entry.Description is { } description) w.WriteString("description", description);
            if (entry.Exception is { } e) w.WriteString("error", e.Message);
            if (entry.Data.Count > 0)
            {
                w.WriteStartObject("data");
                foreach (var (key, value) in entry.Data) w.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
        await w.FlushAsync();
    }
}
