using System.Buffers;

namespace Occi.Rendering;

/// <summary>
/// Where a renderer writes: the body (UTF-8 bytes into a buffer writer, streamed by the server) and the
/// response headers it wants set (text/occi puts the whole rendering in headers).
/// </summary>
public sealed class RenderOutput(IBufferWriter<byte> body)
{
    public IBufferWriter<byte> Body { get; } = body;
    public List<KeyValuePair<string, string>> Headers { get; } = [];
}
