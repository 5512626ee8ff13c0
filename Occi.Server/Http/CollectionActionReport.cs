using System.Buffers;
using System.Text;
using System.Text.Json;
using Occi.Rendering;
using Occi.Server.Operations;

namespace Occi.Server.Http;

/// <summary>
/// Renders a <see cref="CollectionActionResult"/> in the negotiated media type's way. JSON: an object
/// <c>{"action": id, "applied": [urls], "skipped": [{"location": url, "reason": text}]}</c>; uri-list: the
/// applied members' URLs, the skipped ones as <c>#</c> comment lines (RFC 2483); text/plain and text/occi:
/// the sentence a person reads, one skipped member per line, as the text renderings write messages.
/// </summary>
internal static class CollectionActionReport
{
    public static void Render(CollectionActionResult report, IOcciRendering rendering, RenderContext context, RenderOutput output)
    {
        if (rendering.MediaType.Contains("json", StringComparison.Ordinal)) WriteJson(report, context, output.Body);
        else if (rendering.MediaType == "text/uri-list") WriteUriList(report, context, output.Body);
        else rendering.RenderError(200, Sentence(report, context), output);
    }

    public static string Sentence(CollectionActionResult report, RenderContext context)
    {
        var text = new StringBuilder();
        text.Append($"action {report.Action} applied to {report.Applied.Count} of {report.Applied.Count + report.Skipped.Count} members; not applied to:");
        foreach (var s in report.Skipped) text.Append('\n').Append(context.Absolute(s.Location)).Append(": ").Append(s.Reason.ReplaceLineEndings(" "));
        return text.ToString();
    }

    private static void WriteJson(CollectionActionResult report, RenderContext context, IBufferWriter<byte> body)
    {
        using var w = new Utf8JsonWriter(body);
        w.WriteStartObject();
        w.WriteString("action", report.Action.Identity);
        w.WriteStartArray("applied");
        foreach (var l in report.Applied) w.WriteStringValue(context.Absolute(l));
        w.WriteEndArray();
        w.WriteStartArray("skipped");
        foreach (var s in report.Skipped)
        {
            w.WriteStartObject();
            w.WriteString("location", context.Absolute(s.Location));
            w.WriteString("reason", s.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteUriList(CollectionActionResult report, RenderContext context, IBufferWriter<byte> body)
    {
        var text = new StringBuilder();
        foreach (var l in report.Applied) text.Append(context.Absolute(l)).Append("\r\n");
        foreach (var s in report.Skipped)
            text.Append("# not applied: ").Append(context.Absolute(s.Location)).Append(": ").Append(s.Reason.ReplaceLineEndings(" ")).Append("\r\n");
        body.Write(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
