using System.Buffers;
using System.Text;

namespace Occi.Rendering.Text;

/// <summary>
/// text/plain: each structure value is a body line "Name: value", UTF-8 straight into the body writer.
/// The walk writes many short runs, so the writer keeps one chunk of the body's memory and advances the
/// body only when the chunk is full or at <see cref="Complete"/>; ASCII (nearly everything) is copied as bytes.
/// </summary>
internal sealed class BodyFieldWriter(IBufferWriter<byte> body) : TextFieldWriter(escapesNonAscii: false)
{
    private const int ChunkSize = 1024;

    private Memory<byte> _chunk;
    private int _used;
    private long _advanced;

    /// <summary>Bytes written so far, in the body or still in the chunk: what a streamed listing steps by.</summary>
    public long Written => _advanced + _used;

    public override void Begin(string structure)
    {
        Write(structure);
        Write(": ");
    }

    public override void Write(ReadOnlySpan<char> text)
    {
        if (Ascii.FromUtf16(text, _chunk.Span[_used..], out var copied) == OperationStatus.Done)
        {
            _used += copied;
            return;
        }
        // Non-ASCII, or the chunk is full: the rest goes through the UTF-8 encoder into a chunk big enough for it.
        _used += copied;
        var rest = text[copied..];
        Reserve(Encoding.UTF8.GetMaxByteCount(rest.Length));
        _used += Encoding.UTF8.GetBytes(rest, _chunk.Span[_used..]);
    }

    public override void End() => Write("\n");

    public override void Complete()
    {
        if (_used > 0) body.Advance(_used);
        _advanced += _used;
        _chunk = default;
        _used = 0;
    }

    private void Reserve(int bytes)
    {
        if (_chunk.Length - _used >= bytes) return;
        if (_used > 0) body.Advance(_used);
        _advanced += _used;
        _chunk = body.GetMemory(Math.Max(bytes, ChunkSize));
        _used = 0;
    }
}
