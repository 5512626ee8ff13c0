using System.Net;
using System.Text.Json;
using Occi.Core;

namespace Occi.Backends.OpenStack.Http;

/// <summary>
/// An OpenStack error answer turned into the OCCI error a client sees, with the service's own fault text:
/// 404 → 404, 409 → 409, quota (413, or 403 naming a quota) → 409 with the quota message, 401 → 401,
/// 403 → 403, 400 → 400, 503 → 503, other 5xx → 502. The text is read from every shape the services use
/// (Nova/Cinder {"itemNotFound": {"message": …}}, Neutron {"NeutronError": {"message": …}}, Keystone
/// {"error": {"message": …}}, Glance's plain text); the parse never throws.
/// </summary>
internal static class OpenStackFault
{
    private const int MaxMessage = 500;

    public static OcciException ToOcci(OpenStackService service, HttpStatusCode status, string body)
    {
        var text = MessageOf(body);
        var message = text.Length > 0 ? $"{service.DisplayName}: {text}" : $"{service.DisplayName} answered {(int)status} {status}";
        var kind = (int)status switch
        {
            400 => OcciErrorKind.BadRequest,
            401 => OcciErrorKind.Unauthorized,
            403 when IsQuota(text) => OcciErrorKind.Conflict,
            403 => OcciErrorKind.Forbidden,
            404 => OcciErrorKind.NotFound,
            409 or 413 => OcciErrorKind.Conflict,
            503 => OcciErrorKind.Unavailable,
            >= 500 => OcciErrorKind.BackendFailure,
            // Any other answer (405, 406, 415, 422…) is the gateway asking wrongly, not the client: 502.
            _ => OcciErrorKind.BackendFailure,
        };
        return new OcciException(kind, message);
    }

    public static bool IsQuota(string text) => text.Contains("quota", StringComparison.OrdinalIgnoreCase);

    /// <summary>The fault's message, or the body's first line when it is no JSON fault; "" for an empty body.</summary>
    public static string MessageOf(string body)
    {
        var trimmed = body.AsSpan().Trim();
        if (trimmed.IsEmpty) return "";
        if (trimmed[0] == '{' && FromJson(body) is { Length: > 0 } fromJson) return Bound(fromJson);
        // Glance and some proxies answer text or HTML: "404 Not Found\n\nThe resource could not be found.<br /><br />".
        return Bound(WithoutTags(body));
    }

    private static string? FromJson(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (Message(root) is { } top) return top;
            // One wrapping object named for the fault: itemNotFound, badRequest, conflictingRequest, NeutronError, error.
            foreach (var property in root.EnumerateObject())
                if (property.Value.ValueKind == JsonValueKind.Object && Message(property.Value) is { } inner) return inner;
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Message(JsonElement element) =>
        element.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()
        : element.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()
        : null;

    /// <summary>The text with markup tags dropped (each becomes a space) and runs of white space made one.</summary>
    private static string WithoutTags(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        var inTag = false;
        foreach (var c in text)
        {
            if (c == '<') inTag = true;
            else if (c == '>' && inTag) inTag = false;
            else if (!inTag && !(char.IsWhiteSpace(c) && (result.Length == 0 || result[^1] == ' '))) result.Append(char.IsWhiteSpace(c) ? ' ' : c);
            if (inTag && (result.Length == 0 || result[^1] != ' ')) result.Append(' ');
        }
        return result.ToString().Trim();
    }

    private static string Bound(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= MaxMessage ? oneLine : oneLine[..MaxMessage] + "…";
    }
}
