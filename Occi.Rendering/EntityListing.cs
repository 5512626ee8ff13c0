using System.Collections;
using Occi.Core.Model;

namespace Occi.Rendering;

/// <summary>
/// A collection handed to a rendering as its resources and its links apart (the order the JSON renderings
/// write them in), each list possibly read from the store a page at a time (<see cref="IPagedList"/>), so
/// a listing of any length holds one page of entities at a time.
/// </summary>
public sealed class EntityListing(IReadOnlyList<Entity> resources, IReadOnlyList<Entity> links) : IReadOnlyList<Entity>, IPagedList
{
    public IReadOnlyList<Entity> Resources => resources;
    public IReadOnlyList<Entity> Links => links;

    public int Count => resources.Count + links.Count;

    public Entity this[int index] => index < resources.Count ? resources[index] : links[index - resources.Count];

    public bool Holds(int index) => index < resources.Count
        ? resources is not IPagedList r || r.Holds(index)
        : links is not IPagedList l || l.Holds(index - resources.Count);

    public async ValueTask LoadAsync(CancellationToken cancellationToken)
    {
        if (resources is IPagedList r) await r.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (links is IPagedList l) await l.LoadAsync(cancellationToken).ConfigureAwait(false);
    }

    public IEnumerator<Entity> GetEnumerator() => resources.Concat(links).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
