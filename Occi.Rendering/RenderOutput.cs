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

    /// <summary>
    /// Bound on one header field ("Name: value", without CRLF) that text/occi writes: values of one structure
    /// share one field while it fits and go on in repeated fields of the same name beyond it (a single value
    /// longer than the bound gets a field of its own). Clients cap a header line: Python's http.client at 65,536
    /// bytes, curl at 100 KiB.
    /// </summary>
    public int MaxHeaderFieldBytes { get; init; } = DefaultMaxHeaderFieldBytes;

    /// <summary>
    /// 32 KiB: half of Python's line limit and a third of curl's, and four times the built-in model's
    /// Category field, so GET /-/ stays one field (rOCCI-cli 4.3 reads only the first) until a site's
    /// templates and user mixins quadruple it.
    /// </summary>
    public const int DefaultMaxHeaderFieldBytes = 32 * 1024;
}
