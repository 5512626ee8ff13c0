using Occi.Core.Model;

namespace Occi.Core.BackendContracts;

/// <summary>
/// What a backend can do: the kinds it manages, the mixins it offers (os_tpl and resource_tpl
/// templates among them) and, per kind, the actions it implements. The query interface shows exactly this.
/// </summary>
public sealed class BackendCapabilities
{
    public BackendCapabilities(IEnumerable<Kind> kinds, IEnumerable<Mixin> mixins)
    {
        Kinds = kinds.ToArray();
        Mixins = mixins.ToArray();
    }

    public IReadOnlyList<Kind> Kinds { get; }
    public IReadOnlyList<Mixin> Mixins { get; }

    public IEnumerable<Category> All => Kinds.Cast<Category>().Concat(Mixins);
}
