namespace Occi.Rendering;

/// <summary>
/// A request as a parser sees it: the body bytes and the HTTP headers (name, value) in arrival order;
/// a header repeated N times appears N times. Header names compare case-insensitively
/// (rOCCI sends "X-Occi-Attribute").
/// </summary>
public readonly record struct ParseInput(ReadOnlyMemory<byte> Body, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public static ParseInput FromBody(ReadOnlyMemory<byte> body) => new(body, []);
    public static ParseInput FromHeaders(IReadOnlyList<KeyValuePair<string, string>> headers) => new(ReadOnlyMemory<byte>.Empty, headers);
}
