using System.Collections;
using Occi.Core.Model;
using Occi.Rendering;

namespace Occi.Server.Entities;

/// <summary>
/// The members of a listing, taken from the store as locations (shared strings, a few bytes each) and
/// read as entities a page at a time while the listing is rendered (<see cref="IPagedList"/>): a listing
/// of 50,000 computes then holds 256 entity copies at a time instead of 50,000 per request in flight.
/// A member deleted after the locations were taken reads as null and is left out.
/// </summary>
internal sealed class StoredEntityPages(IReadOnlyList<string> locations, Func<string, CancellationToken, Task<Entity?>> read)
    : IReadOnlyList<Entity>, IPagedList
{
    private const int PageSize = 256;

    private readonly Entity?[] _page = new Entity?[Math.Min(PageSize, locations.Count)];
    private int _start;
    private int _loaded;
    private int _wanted = -1;

    public int Count => locations.Count;

    public Entity this[int index] => index >= _start && index < _start + _loaded
        ? _page[index - _start]!
        : throw new InvalidOperationException($"member {index} of the listing is not loaded (ask Holds, then LoadAsync)");

    public bool Holds(int index)
    {
        if (index >= _start && index < _start + _loaded) return true;
        _wanted = index;
        return false;
    }

    public async ValueTask LoadAsync(CancellationToken cancellationToken)
    {
        if (_wanted < 0) return;
        var start = _wanted;
        _wanted = -1;
        var count = Math.Min(PageSize, locations.Count - start);
        Array.Clear(_page); // the last page's entities go now, not when this one is full
        _loaded = 0;
        _start = start;
        for (var i = 0; i < count; i++) _page[i] = await read(locations[start + i], cancellationToken).ConfigureAwait(false);
        _loaded = count;
    }

    public IEnumerator<Entity> GetEnumerator() =>
        throw new NotSupportedException("a paged listing is read by position, a page at a time");

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
