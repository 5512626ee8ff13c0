using Occi.Core;
using Occi.Core.Model;
using Occi.Core.StoreContracts;

namespace Occi.Server.Tests.Support;

/// <summary>The real store, except that entity writes fail (Unavailable) while <see cref="Refusing"/> is on.</summary>
public sealed class RefusingStore(IEntityStore inner, bool refusing = false) : IEntityStore
{
    public volatile bool Refusing = refusing;

    public Task<long> PutAsync(Entity entity, string? owner, long? expectedVersion, CancellationToken ct) =>
        Refusing ? throw new OcciException(OcciErrorKind.Unavailable, "the store is unavailable") : inner.PutAsync(entity, owner, expectedVersion, ct);
    public Task<EntityRecord?> GetAsync(string location, CancellationToken ct) => inner.GetAsync(location, ct);
    public Task<EntityRecord?> GetByIdAsync(string id, CancellationToken ct) => inner.GetByIdAsync(id, ct);
    public Task<bool> DeleteAsync(string location, CancellationToken ct) => inner.DeleteAsync(location, ct);
    public Task<int> DeleteBelowAsync(string prefix, CancellationToken ct) => inner.DeleteBelowAsync(prefix, ct);
    public Task<IReadOnlyList<EntityRecord>> QueryAsync(EntityQuery query, CancellationToken ct) => inner.QueryAsync(query, ct);
    public Task<int> CountAsync(EntityQuery query, CancellationToken ct) => inner.CountAsync(query, ct);
    public Task AssociateMixinAsync(CategoryId mixin, IReadOnlyList<string> locations, CancellationToken ct) => inner.AssociateMixinAsync(mixin, locations, ct);
    public Task DissociateMixinAsync(CategoryId mixin, IReadOnlyList<string>? locations, CancellationToken ct) => inner.DissociateMixinAsync(mixin, locations, ct);
}
