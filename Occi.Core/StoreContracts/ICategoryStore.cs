using Occi.Core.Documents;
using Occi.Core.Model;

namespace Occi.Core.StoreContracts;

/// <summary>
/// Persists user-defined mixins (GFD.185 §3.4.2), and the kinds and actions operators define at run time (issue 19),
/// so they survive restarts.
/// </summary>
public interface ICategoryStore
{
    Task<IReadOnlyList<Mixin>> ListUserMixinsAsync(CancellationToken cancellationToken);
    Task PutUserMixinAsync(Mixin mixin, CancellationToken cancellationToken);
    Task<bool> DeleteUserMixinAsync(CategoryId id, CancellationToken cancellationToken);

    /// <summary>Every stored runtime kind and action (<see cref="RuntimeCategoryCodec"/>'s documents, decoded).</summary>
    Task<IReadOnlyList<RuntimeCategory>> ListRuntimeCategoriesAsync(CancellationToken cancellationToken);

    /// <summary>Stores a runtime kind or action, replacing the one of its identity.</summary>
    Task PutRuntimeCategoryAsync(RuntimeCategory category, CancellationToken cancellationToken);

    Task<bool> DeleteRuntimeCategoryAsync(CategoryId id, CancellationToken cancellationToken);
}
