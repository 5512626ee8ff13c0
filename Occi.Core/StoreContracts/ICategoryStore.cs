using Occi.Core.Model;

namespace Occi.Core.StoreContracts;

/// <summary>Persists user-defined mixins (GFD.185 §3.4.2) so they survive restarts.</summary>
public interface ICategoryStore
{
    Task<IReadOnlyList<Mixin>> ListUserMixinsAsync(CancellationToken cancellationToken);
    Task PutUserMixinAsync(Mixin mixin, CancellationToken cancellationToken);
    Task<bool> DeleteUserMixinAsync(CategoryId id, CancellationToken cancellationToken);
}
