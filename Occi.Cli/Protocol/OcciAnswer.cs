using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Occi.Core.Registry;
using Occi.Rendering;

namespace Occi.Cli.Protocol;

/// <summary>One HTTP answer as `occi` reads it: status, Content-Type, the headers in order (text/occi carries its structures there), the body.</summary>
internal sealed record OcciAnswer(int Status, string? ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, Uri? Location)
{
    /// <summary>Past this the message of an error answer is cut: it is printed on one terminal line or so.</summary>
    private const int MaxMessageChars = 2000;

    public bool IsSuccess => Status is >= 200 and < 300;

    public static async Task<OcciAnswer> ReadAsync(HttpResponseMessage response, Uri requested, CancellationToken cancel)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancel);
        var headers = new List<KeyValuePair<string, string>>();
        Add(headers, response.Headers);
        Add(headers, response.Content.Headers);
        var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l : new Uri(requested, l)) : null;
        return new OcciAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, headers, body, location);
    }

    private static void Add(List<KeyValuePair<string, string>> into, HttpHeaders headers)
    {
        foreach (var (name, values) in headers.NonValidated)
            foreach (var value in values) into.Add(new(name, value));
    }

    /// <summary>
    /// What the answer says, read by the parser of its Content-Type (the same parsers the gateway reads requests with).
    /// An empty body reads as nothing; a rendering `occi` does not read, or a body its parser refuses, is the server's failure.
    /// </summary>
    public OcciRequest Read(CategorySnapshot model)
    {
        var hasStructures = Body.AsSpan().Trim(" \t\r\n"u8).Length > 0 || Headers.Any(h => IsStructure(h.Key));
        if (!hasStructures) return new OcciRequest();
        var reader = WireFormat.ReaderOf(ContentType)
            ?? throw new OcciFailure(ExitCode.ServerError, $"the server answered {ContentType ?? "without a Content-Type"}, which is no OCCI rendering");
        try
        {
            return reader.Parse(new ParseInput(Body, Headers), model);
        }
        catch (OcciParseException e)
        {
            throw new OcciFailure(ExitCode.ServerError, $"the server's {ContentType} answer cannot be read: {e.Message}", e);
        }
    }

    private static bool IsStructure(string header) =>
        header.Equals("Category", StringComparison.OrdinalIgnoreCase) || header.Equals("Link", StringComparison.OrdinalIgnoreCase)
        || header.Equals("X-OCCI-Attribute", StringComparison.OrdinalIgnoreCase) || header.Equals("X-OCCI-Location", StringComparison.OrdinalIgnoreCase);

    /// <summary>The server's own message of an error answer: GFD.225's {"error":{"message"}}, a text body, or else the status.</summary>
    public string ErrorMessage()
    {
        var text = Encoding.UTF8.GetString(Body).Trim();
        if (text.StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                var root = json.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                        && error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) text = m.GetString()!;
                    else if (root.TryGetProperty("message", out var top) && top.ValueKind == JsonValueKind.String) text = top.GetString()!;
                }
            }
            catch (JsonException) { }
        }
        if (text.Length == 0) text = $"HTTP {Status}";
        if (text.Length > MaxMessageChars) text = text[..MaxMessageChars] + "…";
        // One message, printable: no control characters a server could use to rewrite the terminal.
        return new string(text.Select(c => char.IsControl(c) && c != '\n' ? ' ' : c).ToArray());
    }
}
