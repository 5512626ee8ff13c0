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
        var indexes = StripesOf(locations);
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
    public static string?[] HeldBy(Entity entity)
    {
        if (entity is Link l) return [entity.Location, l.Source, l.Target];
        if (entity is not Resource { Links: { Count: > 0 } links }) return [entity.Location];
        var held = new string?[links.Count + 1];
        held[0] = entity.Location;
        for (var i = 0; i < links.Count; i++) held[i + 1] = links[i].Target;
        return held;
    }

    /// <summary>
    /// The stripes of <paramref name="locations"/> (nulls skipped), distinct and ascending. A few locations at most (an
    /// entity, a link's ends, a resource's link targets): sorted by insertion, without LINQ, on every write (issue 13).
    /// </summary>
    private static int[] StripesOf(IEnumerable<string?> locations)
    {
        var stripes = new int[locations.TryGetNonEnumeratedCount(out var n) ? Math.Max(n, 1) : 4];
        var count = 0;
        foreach (var location in locations)
        {
            if (location is null) continue;
            var stripe = StripeOf(location);
            var at = Array.BinarySearch(stripes, 0, count, stripe);
            if (at >= 0) continue;
            at = ~at;
            if (count == stripes.Length) Array.Resize(ref stripes, count * 2);
            Array.Copy(stripes, at, stripes, at + 1, count - at);
            stripes[at] = stripe;
            count++;
        }
        return count == stripes.Length ? stripes : stripes[..count];
    }

    private static int StripeOf(string location) => (int)((uint)StringComparer.Ordinal.GetHashCode(location) % Stripes);

    public readonly struct Held(LocationGates gates, int[] indexes) : IDisposable
    {
        public void Dispose()
        {
            foreach (var i in indexes) gates._stripes[i].Release();
        }
    }
}
