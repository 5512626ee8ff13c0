using System.Text;

namespace Occi.Fuzz;

/// <summary>
/// Damages a request the way hostile and careless clients do: in its body (spans cut or repeated, quotes,
/// separators and escapes dropped in, numbers and strings replaced by edge values, lines shuffled, JSON
/// values of the wrong type), in its headers (media types, Accept, User-Agent versions, OCCI headers
/// added), in its path (dot segments, escapes, doubled slashes, case, parameters, foreign ids) and query
/// (actions, paging). Each mutation is named in <see cref="FuzzRequest.Mutations"/>.
/// </summary>
public sealed class Mutator(Random random)
{
    private static readonly string[] Tokens =
        ["\"", ";", "=", "\\", ",", "<", ">", "{", "}", "[", "]", ":", "\0", "\t", "ü", "\u202e", "%00", "%2e%2e/", "#", " ", "\n", "\r\n",
         "class=\"mixin\"", "scheme=\"\"", "X-OCCI-Attribute: ", "Category: ", "Link: ", "null", "true", "-", "..", "/", "?", "*"];

    /// <summary>Edge values for a number. Overflowing ones are marked (issue 11 item 1: a 400 naming the attribute).</summary>
    private static readonly (string Value, bool Overflows)[] Numbers =
        [("-1", false), ("0", false), ("2147483648", false), ("9223372036854775808", false), ("1e308", false), ("1.5", false),
         ("NaN", false), ("abc", false), ("\"7\"", false), ("-0", false), ("0x10", false), ("1e400", true), ("-1e400", true), (new string('9', 5000), true)];

    private static readonly string[] Strings = ["", "a\"b", "\\", "ü-non-ascii", "\u0001", "x,y;z=w", "<a>", "%41", "/compute/../-/"];

    private static readonly string[] ContentTypes =
        ["text/plain", "text/occi", "application/occi+json", "application/json", "text/uri-list", "text/plain,text/occi", "text/html",
         "application/x-www-form-urlencoded", "text/plain; charset=latin1", "text/occi+plain", "", "garbage", "text/*", "multipart/form-data; boundary=x"];

    private static readonly string[] Accepts =
        ["text/html", "*/*;q=0", "text/plain;q=abc", "application/occi+json;q=0.1, text/uri-list", "", "image/png", "text/*", "text/occi+plain",
         "text/uri-list", "application/json;charset=utf-8", "text/plain, text/occi;q=1.5"];

    private static readonly string[] UserAgents =
        ["OCCI/1.1", "OCCI/1.2", "OCCI/2.0", "rOCCI-cli/4.3 OCCI/1.1", "OCCI/", "pyocni OCCI/1.1", "\u00e9"];

    private static readonly string[] PathMutations =
        ["dot-segment", "escaped-dot-segment", "double-slash", "trailing-slash", "no-trailing-slash", "upper-case", "parameter",
         "percent-escape", "non-ascii", "long-segment", "foreign-id", "extra-segment", "well-known"];

    public void Mutate(FuzzRequest request, int count)
    {
        for (var i = 0; i < count; i++)
        {
            switch (random.Next(10))
            {
                case < 4: MutateBody(request); break;
                case < 6: MutateHeaders(request); break;
                case < 8: MutatePath(request); break;
                case 8: MutateQuery(request); break;
                default: MutateMethod(request); break;
            }
        }
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Text/occi requests carry their content in headers: those are the body then.</summary>
    private void MutateBody(FuzzRequest request)
    {
        var occiHeaders = request.Headers.Select((h, i) => (h, i)).Where(p => IsOcciHeader(p.h.Name)).ToList();
        if (request.Body.Length == 0 && occiHeaders.Count > 0)
        {
            var (header, index) = Pick(occiHeaders);
            var value = MutateText(header.Value, request, headerValue: true);
            request.Headers[index] = (header.Name, value);
            return;
        }
        request.Body = MutateText(request.Body, request, headerValue: false);
    }

    private static bool IsOcciHeader(string name) =>
        name.Equals("Category", StringComparison.OrdinalIgnoreCase) || name.Equals("X-OCCI-Attribute", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Link", StringComparison.OrdinalIgnoreCase) || name.Equals("X-OCCI-Location", StringComparison.OrdinalIgnoreCase);

    private string MutateText(string text, FuzzRequest request, bool headerValue)
    {
        string result;
        switch (random.Next(9))
        {
            case 0 when text.Length > 0:
                var at = random.Next(text.Length);
                result = text.Remove(at, random.Next(1, Math.Min(40, text.Length - at) + 1));
                request.Mutations.Add("cut-span");
                break;
            case 1:
                result = text.Insert(random.Next(text.Length + 1), Pick(Tokens));
                request.Mutations.Add("insert-token");
                break;
            case 2 when ReplaceNumber(text) is { } replaced:
                result = replaced.Text;
                request.Mutations.Add(replaced.Overflows ? "overflowing-number" : "edge-number");
                break;
            case 3 when ReplaceQuoted(text) is { } replaced:
                result = replaced;
                request.Mutations.Add("edge-string");
                break;
            case 4 when text.Contains('\n'):
                var lines = text.Split('\n').ToList();
                var i = random.Next(lines.Count);
                switch (random.Next(3))
                {
                    case 0: lines.Insert(i, lines[i]); break;
                    case 1: lines.RemoveAt(i); break;
                    default: (lines[i], lines[^1]) = (lines[^1], lines[i]); break;
                }
                result = string.Join('\n', lines);
                request.Mutations.Add("shuffle-lines");
                break;
            case 5 when text.Length > 0:
                result = text[..random.Next(text.Length)];
                request.Mutations.Add("truncate");
                break;
            case 6 when text.TrimStart().StartsWith('{'):
                result = WrongJsonType(text);
                request.Mutations.Add("json-wrong-type");
                break;
            case 7 when text.Length > 0:
                var start = random.Next(text.Length);
                var span = text.Substring(start, Math.Min(text.Length - start, random.Next(1, 30)));
                result = text.Insert(start, string.Concat(Enumerable.Repeat(span, random.Next(2, 50))));
                request.Mutations.Add("repeat-span");
                break;
            default:
                result = text.Insert(random.Next(text.Length + 1), new string((char)random.Next(0x20, 0x7f), random.Next(1, 3)));
                request.Mutations.Add("insert-char");
                break;
        }
        // A header value cannot hold a line break (the request would end there): keep them out of headers.
        return headerValue ? result.Replace("\r", " ").Replace("\n", " ") : result;
    }

    private (string Text, bool Overflows)? ReplaceNumber(string text)
    {
        var positions = new List<(int Start, int Length)>();
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]) || (i > 0 && (char.IsAsciiLetterOrDigit(text[i - 1]) || text[i - 1] is '.' or '-'))) continue;
            var end = i;
            while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.')) end++;
            if (i > 0 && text[i - 1] is '=' or ':' or ' ') positions.Add((i, end - i));
            i = end;
        }
        if (positions.Count == 0) return null;
        var (start, length) = Pick(positions);
        var (value, overflows) = Pick(Numbers);
        return (text[..start] + value + text[(start + length)..], overflows);
    }

    private string? ReplaceQuoted(string text)
    {
        var quotes = new List<int>();
        for (var i = 0; i < text.Length; i++) if (text[i] == '"' && (i == 0 || text[i - 1] != '\\')) quotes.Add(i);
        if (quotes.Count < 2) return null;
        var pair = random.Next(quotes.Count / 2) * 2;
        var (open, close) = (quotes[pair], quotes[pair + 1]);
        var value = random.Next(6) == 0 ? new string('x', random.Next(1000, 70_000)) : Pick(Strings).Replace("\"", "\\\"");
        return text[..(open + 1)] + value + text[close..];
    }

    private string WrongJsonType(string json)
    {
        // Replace the value after a random ':' by a value of another JSON type.
        var colons = json.Select((c, i) => (c, i)).Where(p => p.c == ':').Select(p => p.i).ToList();
        if (colons.Count == 0) return json;
        var at = Pick(colons) + 1;
        var end = at;
        var depth = 0;
        var inString = false;
        for (; end < json.Length; end++)
        {
            var c = json[end];
            if (inString) { if (c == '\\') end++; else if (c == '"') inString = false; continue; }
            if (c == '"') inString = true;
            else if (c is '{' or '[') depth++;
            else if (c is '}' or ']') { if (depth == 0) break; depth--; }
            else if (c == ',' && depth == 0) break;
        }
        return json[..at] + Pick(["null", "[]", "{}", "1", "\"x\"", "true", "[{}]", "{\"a\":{\"b\":[1,2]}}", "-1e400"]) + json[end..];
    }

    private void MutateHeaders(FuzzRequest request)
    {
        switch (random.Next(5))
        {
            case 0:
                request.SetHeader("Content-Type", Pick(ContentTypes));
                request.Mutations.Add("content-type");
                break;
            case 1:
                request.SetHeader("Accept", Pick(Accepts));
                request.Mutations.Add("accept");
                break;
            case 2:
                request.SetHeader("User-Agent", Pick(UserAgents));
                request.Mutations.Add("user-agent");
                break;
            case 3:
                request.Headers.Add((Pick(["Category", "X-OCCI-Attribute", "Link", "X-OCCI-Location", "category", "x-occi-attribute"]),
                    Pick(["", "compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"", "occi.core.title=\"h\"", "</x>", "garbage;;;", "a=b, c=d", "<>"])));
                request.Mutations.Add("occi-header");
                break;
            default:
                var i = random.Next(request.Headers.Count + 1);
                if (i < request.Headers.Count) request.Headers.RemoveAt(i);
                request.Mutations.Add("drop-header");
                break;
        }
    }

    private void MutatePath(FuzzRequest request)
    {
        var parts = request.Target.Split('?', 2);
        var path = parts[0];
        var query = parts.Length > 1 ? "?" + parts[1] : "";
        var mutation = Pick(PathMutations);
        path = mutation switch
        {
            "dot-segment" => path.TrimEnd('/') + Pick(["/..", "/../", "/./", "/../../etc/passwd", "/.."]),
            "escaped-dot-segment" => path.TrimEnd('/') + Pick(["/%2e%2e/", "/%2E%2E", "%2f..%2f", "/.%2e/"]),
            "double-slash" => path.Replace("/", "//"),
            "trailing-slash" => path.EndsWith('/') ? path + "/" : path + "/",
            "no-trailing-slash" => path.Length > 1 ? path.TrimEnd('/') : path,
            "upper-case" => path.ToUpperInvariant(),
            "parameter" => path + Pick([";jsessionid=1", ";a", ";"]),
            "percent-escape" => path + Pick(["%20", "%00", "%zz", "%", "%2F", "%3F"]),
            "non-ascii" => path.TrimEnd('/') + Pick(["/abc%C3%BC", "/%E2%80%AE", "/abc%FF"]),
            "long-segment" => path + new string('a', random.Next(200, 5000)),
            "foreign-id" => Pick(["/compute/", "/storage/", "/network/", "/link/networkinterface/", "/-/", "/"]) + path.TrimEnd('/').Split('/')[^1],
            "extra-segment" => path.TrimEnd('/') + "/x/y",
            _ => "/.well-known/org/ogf/occi" + path,
        };
        request.Target = path + query;
        request.Mutations.Add("path-" + mutation);
    }

    private void MutateQuery(FuzzRequest request)
    {
        var add = Pick(["action=start", "action=nope", "action=", "page=-1&number=2", "page=0&number=0", "number=abc", "page=99999999999&number=1",
            "action=stop&action=start", "&&=", "page=1", "action=http%3A%2F%2Fschemas.ogf.org%2Focci%2Finfrastructure%2Fcompute%2Faction%23start", "a=%zz"]);
        request.Target += (request.Target.Contains('?') ? "&" : "?") + add;
        request.Mutations.Add("query");
    }

    private void MutateMethod(FuzzRequest request)
    {
        request.Method = Pick(["GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS"]);
        request.Mutations.Add("method");
    }

    /// <summary>True when the request has bytes outside ASCII in its request line (Kestrel answers those itself).</summary>
    public static bool HasNonAsciiTarget(FuzzRequest request) => Encoding.UTF8.GetByteCount(request.Target) != request.Target.Length;
}
