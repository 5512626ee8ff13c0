using Occi.Core.Model;

namespace Occi.Server.Entities;

/// <summary>
/// Serialises the writes that must not interleave on one resource (issue 11 item 5): a link create holds the
/// gates of its local ends while it checks them and writes, a resource delete holds its own while it removes
/// the resource and its links, so no link is ever stored whose end is gone. The gates are a fixed set of
/// stripes picked by a hash of the location: memory stays bounded whatever the number of locations, and two
/// locations sharing a stripe only wait for each other. Several stripes are always taken in ascending order,
/// so two requests each holding one cannot wait for the other's.
/// </summary>
internal sealed class LocationGates
{
    private const int Stripes = 256;
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Waits for the gates of every given location (null and duplicates ignored); dispose the result to release them.</summary>
    public async Task<Held> EnterAsync(IEnumerable<string?> locations, CancellationToken ct)
    {
        var indexes = locations.OfType<string>().Select(StripeOf).Distinct().Order().ToArray();
        var taken = 0;
        try
        {
            for (; taken < indexes.Length; taken++) await _stripes[indexes[taken]].WaitAsync(ct);
        }
        catch
        {
            for (var i = 0; i < taken; i++) _stripes[indexes[i]].Release();
            throw;
        }
        return new Held(this, indexes);
    }

    public Task<Held> EnterAsync(string location, CancellationToken ct) => EnterAsync([location], ct);

    /// <summary>The locations a write of <paramref name="entity"/> must hold: its own, a link's ends, its inline links' targets.</summary>
    public static IEnumerable<string?> HeldBy(Entity entity) => entity switch
    {
        Link l => [entity.Location, l.Source, l.Target],
        Resource r => r.Links.Select(l => l.Target).Prepend(entity.Location),
        _ => [entity.Location],
    };

    private static int StripeOf(string location) => (int)((uint)StringComparer.Ordinal.GetHashCode(location) % Stripes);

    public readonly struct Held(LocationGates gates, int[] indexes) : IDisposable
    {
        public void Dispose()
        {
            foreach (var i in indexes) gates._stripes[i].Release();
        }
    }
}
