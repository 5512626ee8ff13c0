using Occi.Backends.OpenStack.Identity;
using Occi.Core.BackendContracts;
using Occi.Core.Model;

namespace Occi.Backends.OpenStack;

/// <summary>
/// One OCCI kind's mapping onto one OpenStack service: compute ↔ Nova server (Compute/), storage and storagelink ↔
/// Cinder volume and attachment (Storage/), network, networkinterface ↔ Neutron network and port (Network/).
/// <see cref="OpenStackBackend"/> dispatches every call by the entity's kind to the translator registered for it
/// (an <c>IKindTranslator</c> singleton in the container). Each call is made with the credential of the caller.
/// </summary>
internal interface IKindTranslator
{
    /// <summary>The kinds this translator serves (one, or a resource and its link).</summary>
    IReadOnlyList<Kind> Kinds { get; }

    /// <summary>The mixins it offers in the query interface (templates, its own mixins); asked at every model refresh.</summary>
    Task<IReadOnlyList<Mixin>> MixinsAsync(ICredential? service, CancellationToken ct);

    Task<Entity> CreateAsync(ICredential credential, Caller caller, Entity entity, CancellationToken ct);

    Task<bool> RefreshAsync(ICredential credential, Entity entity, ReadFreshness freshness, CancellationToken ct);

    Task<Entity> UpdateAsync(ICredential credential, Entity entity, CancellationToken ct);

    Task DeleteAsync(ICredential credential, Entity entity, CancellationToken ct);

    Task<Entity> InvokeAsync(ICredential credential, Entity entity, ActionInvocation action, CancellationToken ct);

    /// <summary>Backend ids of everything of this kind that exists in the cloud (as the configured account sees it).</summary>
    IAsyncEnumerable<string> InventoryAsync(ICredential service, CategoryId kind, CancellationToken ct);
}
