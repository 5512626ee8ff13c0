using System.Collections;
using System.Runtime.InteropServices;

namespace Occi.Storage.Embedded;

/// <summary>
/// A set of locations in ordinal order that can also be read from a position: what a deep page
/// (<c>?page=N</c>) needs. <see cref="SortedSet{T}"/> has no rank or select, so its page N walked every
/// location before it. Here the strings sit in a row of sorted chunks of at most
/// <c>chunkCapacity</c>: a position is found by summing chunk sizes (a few hundred for 100,000
/// locations), a string by binary search over chunks then inside one; an insert or remove shifts
/// one chunk. Not thread-safe: the view's lock guards it, as it guarded the sorted set.
/// </summary>
internal sealed class SortedLocations : IReadOnlyCollection<string>
{
    private const int DefaultChunkCapacity = 512;

    private readonly int _chunkCapacity;
    /// <summary>Non-empty, each sorted, each wholly before the next.</summary>
    private readonly List<List<string>> _chunks = [];
    private int _version;

    public SortedLocations() : this(DefaultChunkCapacity) { }

    /// <summary>Small capacities let tests split and merge chunks with few strings.</summary>
    internal SortedLocations(int chunkCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkCapacity, 2);
        _chunkCapacity = chunkCapacity;
    }

    public int Count { get; private set; }

    public bool Contains(string location)
    {
        var c = ChunkAtOrAfter(location);
        return c < _chunks.Count && IndexIn(_chunks[c], location) >= 0;
    }

    /// <summary>False when <paramref name="location"/> is here already.</summary>
    public bool Add(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (_chunks.Count == 0)
        {
            _chunks.Add([location]);
            Changed(+1);
            return true;
        }
        var last = _chunks[^1];
        if (string.CompareOrdinal(location, last[^1]) > 0) // after every string (a load in order): no search, no split
        {
            if (last.Count == _chunkCapacity) _chunks.Add([location]);
            else last.Add(location);
            Changed(+1);
            return true;
        }
        var c = ChunkAtOrAfter(location);
        var chunk = _chunks[c];
        var i = IndexIn(chunk, location);
        if (i >= 0) return false;
        i = ~i;
        if (chunk.Count == _chunkCapacity)
        {
            var half = _chunkCapacity / 2;
            var right = chunk.GetRange(half, chunk.Count - half);
            chunk.RemoveRange(half, chunk.Count - half);
            _chunks.Insert(c + 1, right);
            if (i > half) (chunk, i) = (right, i - half);
        }
        chunk.Insert(i, location);
        Changed(+1);
        return true;
    }

    /// <summary>False when <paramref name="location"/> was not here.</summary>
    public bool Remove(string location)
    {
        var c = ChunkAtOrAfter(location);
        if (c == _chunks.Count) return false;
        var chunk = _chunks[c];
        var i = IndexIn(chunk, location);
        if (i < 0) return false;
        chunk.RemoveAt(i);
        if (chunk.Count == 0) _chunks.RemoveAt(c);
        else if (c + 1 < _chunks.Count && chunk.Count + _chunks[c + 1].Count <= _chunkCapacity / 2) MergeWithNext(c);
        else if (c > 0 && _chunks[c - 1].Count + chunk.Count <= _chunkCapacity / 2) MergeWithNext(c - 1);
        Changed(-1);
        return true;
    }

    /// <summary>Neighbours that fit in half a chunk become one, so removals cannot leave many tiny chunks for positions to sum.</summary>
    private void MergeWithNext(int c)
    {
        _chunks[c].AddRange(_chunks[c + 1]);
        _chunks.RemoveAt(c + 1);
    }

    private void Changed(int delta)
    {
        Count += delta;
        _version++;
    }

    /// <summary>Copies <paramref name="count"/> strings from position <paramref name="start"/> on, as <see cref="List{T}.CopyTo(int, T[], int, int)"/>.</summary>
    public void CopyTo(int start, string[] array, int arrayIndex, int count)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(arrayIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (Count - start < count) throw new ArgumentException($"{count} strings from position {start} run past the set's {Count}");
        if (array.Length - arrayIndex < count) throw new ArgumentException($"{count} strings do not fit in the array from {arrayIndex}");
        var (c, offset) = Locate(start);
        while (count > 0)
        {
            var chunk = _chunks[c++];
            var n = Math.Min(count, chunk.Count - offset);
            chunk.CopyTo(offset, array, arrayIndex, n);
            (arrayIndex, count, offset) = (arrayIndex + n, count - n, 0);
        }
    }

    public string[] ToArray()
    {
        var array = new string[Count];
        CopyTo(0, array, 0, Count);
        return array;
    }

    /// <summary>The strings from position <paramref name="start"/> (0 to <see cref="Count"/>) on, in order; finding the start costs no walk.</summary>
    public IEnumerable<string> From(int start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, Count);
        var (c, offset) = Locate(start);
        return Walk(c, offset, prefix: null, _version);
    }

    /// <summary>The strings starting with <paramref name="prefix"/>, in order: a run that begins where <paramref name="prefix"/> would sit.</summary>
    public IEnumerable<string> StartingWith(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var c = ChunkAtOrAfter(prefix);
        if (c == _chunks.Count) return [];
        var i = IndexIn(_chunks[c], prefix);
        return Walk(c, i >= 0 ? i : ~i, prefix, _version);
    }

    public IEnumerator<string> GetEnumerator() => Walk(0, 0, prefix: null, _version).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// From chunk <paramref name="c"/> at <paramref name="offset"/> to the end, or while strings start with
    /// <paramref name="prefix"/>. <paramref name="version"/> is the set's when the start was found: like
    /// <see cref="SortedSet{T}"/>'s, the enumeration throws once the set has changed.
    /// </summary>
    private IEnumerable<string> Walk(int c, int offset, string? prefix, int version)
    {
        while (true)
        {
            if (version != _version) throw new InvalidOperationException("the set changed while it was being enumerated");
            if (c == _chunks.Count) yield break;
            var chunk = _chunks[c];
            if (offset == chunk.Count)
            {
                (c, offset) = (c + 1, 0);
                continue;
            }
            var location = chunk[offset++];
            if (prefix is not null && !location.StartsWith(prefix, StringComparison.Ordinal)) yield break;
            yield return location;
        }
    }

    /// <summary>Chunk and offset of position <paramref name="position"/>; (chunk count, 0) at <see cref="Count"/>.</summary>
    private (int Chunk, int Offset) Locate(int position)
    {
        var c = 0;
        while (c < _chunks.Count && position >= _chunks[c].Count) position -= _chunks[c++].Count;
        return (c, position);
    }

    /// <summary>The first chunk whose last string is not less than <paramref name="location"/>; the chunk count when none is.</summary>
    private int ChunkAtOrAfter(string location)
    {
        int lo = 0, hi = _chunks.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var last = _chunks[mid][^1];
            if (string.CompareOrdinal(last, location) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>The index of <paramref name="location"/> in <paramref name="chunk"/>, or the bitwise complement of where it would go.</summary>
    private static int IndexIn(List<string> chunk, string location)
    {
        var items = CollectionsMarshal.AsSpan(chunk);
        int lo = 0, hi = items.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var order = string.CompareOrdinal(items[mid], location);
            if (order == 0) return mid;
            if (order < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }
}
