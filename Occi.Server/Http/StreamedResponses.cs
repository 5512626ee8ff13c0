namespace Occi.Server.Http;

/// <summary>
/// What the streamed answers did, for tests and the memory bench: how many were streamed, and the most bytes
/// one of them handed to Kestrel at once (the bound of <see cref="ResponseBody"/>, give or take a step).
/// </summary>
internal sealed class StreamedResponses
{
    private long _count;
    private long _largestSend;

    public long Count => Interlocked.Read(ref _count);
    public long LargestSend => Interlocked.Read(ref _largestSend);

    public void Started() => Interlocked.Increment(ref _count);

    public void Sent(long bytes)
    {
        var seen = Interlocked.Read(ref _largestSend);
        while (bytes > seen)
        {
            var was = Interlocked.CompareExchange(ref _largestSend, bytes, seen);
            if (was == seen) return;
            seen = was;
        }
    }
}
