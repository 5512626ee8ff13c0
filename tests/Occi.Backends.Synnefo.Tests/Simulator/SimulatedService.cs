namespace Occi.Backends.Synnefo.Tests.Simulator;

/// <summary>
/// One Cyclades service apart from Compute (Cyclades/Network, the block storage): a switch that makes it answer every
/// request 503 on its own, as the guides' 503 rows allow ("Service Unavailable"), and a count of the requests that
/// reached it, so a test tells an open circuit (nothing sent) from a refusal.
/// </summary>
internal sealed class SimulatedService
{
    private int _requests;

    /// <summary>The service answers every request 503 while set (Compute and the others still answer).</summary>
    public bool Unavailable { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    public void Count() => Interlocked.Increment(ref _requests);
}
