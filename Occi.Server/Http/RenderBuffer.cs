using Occi.Rendering;

namespace Occi.Server.Http;

/// <summary>
/// The body buffer and render output of one answer, kept per thread from one answer to the next instead of made
/// for each: every rendered answer needs a pair. Taken off its thread's slot for the answer (which may finish on
/// another thread, whose slot it then fills), so no two answers share one; one that grew past
/// <see cref="KeptBytes"/> (a large listing) gives its array back instead of keeping it.
/// </summary>
internal sealed class RenderBuffer : IDisposable
{
    private const int KeptBytes = 64 * 1024;

    [ThreadStatic] private static RenderBuffer? t_free;

    private RenderBuffer() => Output = new RenderOutput(Writer);

    public PooledBufferWriter Writer { get; } = new();

    public RenderOutput Output { get; }

    public static RenderBuffer Rent()
    {
        var free = t_free;
        if (free is null) return new RenderBuffer();
        t_free = null;
        return free;
    }

    public void Dispose()
    {
        if (Writer.Capacity > KeptBytes)
        {
            Writer.Dispose();
            return;
        }
        Writer.Reset();
        Output.Headers.Clear();
        t_free = this;
    }
}
