using System.Buffers;
using System.IO.Pipelines;

namespace Occi.Server.Http;

/// <summary>
/// Where a collection rendering goes (issue 11 item 11). While it is small it fills a pooled buffer, and the
/// answer carries Content-Length as before. Once it outgrows <c>bound</c>, the status and headers go out
/// without a length (chunked transfer encoding), the buffered bytes follow, the buffer goes back to the pool,
/// and the rest is written to the response's PipeWriter and flushed whenever a bound's worth waits: memory
/// per answer stays near the bound whatever the listing's size, and Kestrel's flush holds the rendering
/// back while the client reads slowly. Target switches happen only at a rendering's steps
/// (<see cref="Occi.Rendering.ICollectionStreaming"/>), when the renderer holds no memory of the old one.
/// </summary>
internal sealed class ResponseBody(HttpResponse response, int bound, StreamedResponses streamed) : IBufferWriter<byte>, IDisposable
{
    private PooledBufferWriter? _buffer = new();
    private PipeWriter? _pipe;
    private long _unflushed;

    public bool IsStreaming => _pipe is not null;

    public void Advance(int count)
    {
        if (_pipe is null) _buffer!.Advance(count);
        else { _pipe.Advance(count); _unflushed += count; }
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => _pipe is null ? _buffer!.GetMemory(sizeHint) : _pipe.GetMemory(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => _pipe is null ? _buffer!.GetSpan(sizeHint) : _pipe.GetSpan(sizeHint);

    /// <summary>At a step of the rendering: starts streaming, or sends what waits, once a bound's worth is there.</summary>
    public ValueTask StepAsync(CancellationToken ct)
    {
        if (_pipe is null) return _buffer!.WrittenCount < bound ? default : StartAsync(ct);
        return _unflushed < bound ? default : FlushAsync(ct);
    }

    /// <summary>The end of the rendering: a small body is written with its length, a streamed one flushed.</summary>
    public async ValueTask CompleteAsync(CancellationToken ct)
    {
        if (_pipe is not null)
        {
            await FlushAsync(ct);
            return;
        }
        var body = _buffer!.WrittenMemory;
        response.ContentLength = body.Length;
        if (body.Length > 0) await response.Body.WriteAsync(body, ct);
    }

    private async ValueTask StartAsync(CancellationToken ct)
    {
        streamed.Started();
        _pipe = response.BodyWriter;
        _pipe.Write(_buffer!.WrittenMemory.Span);
        _unflushed = _buffer.WrittenCount;
        _buffer.Dispose();
        _buffer = null;
        await FlushAsync(ct);
    }

    private async ValueTask FlushAsync(CancellationToken ct)
    {
        streamed.Sent(_unflushed);
        _unflushed = 0;
        var result = await _pipe!.FlushAsync(ct);
        // The client is gone: stop rendering for nobody.
        if (result.IsCanceled || result.IsCompleted) throw new OperationCanceledException("the client stopped reading the response");
    }

    public void Dispose()
    {
        _buffer?.Dispose();
        _buffer = null;
    }
}
