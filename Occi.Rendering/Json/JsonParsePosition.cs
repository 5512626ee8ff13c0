namespace Occi.Rendering.Json;

/// <summary>Turns a byte offset into "line N, column M" (1-based, M counted in bytes) for parse errors.</summary>
internal static class JsonParsePosition
{
    public static OcciParseException Exception(ReadOnlySpan<byte> input, long offset, string message, Exception? inner = null)
    {
        var end = (int)Math.Clamp(offset, 0, input.Length);
        var before = input[..end];
        var line = before.Count((byte)'\n') + 1;
        var column = end - before.LastIndexOf((byte)'\n');
        return new OcciParseException(message, $"line {line}", column, inner);
    }
}
