using Occi.Backends.OpenStack;
using Occi.Backends.OpenStack.Identity;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;

namespace Occi.Backends.Synnefo.Network;

/// <summary>
/// What the Synnefo backend's two link translators share (networkinterface ↔ port or floating IP, storagelink ↔
/// volume attachment): no mixins of their own, no actions, an update that only reads the link back (nothing of a port
/// or an attachment changes in place), and the link's ends as the server resolved them (<see cref="LinkEnds"/>).
/// </summary>
internal abstract class LinkTranslator : ISynnefoTranslator
{
    public abstract IReadOnlyList<Kind> Kinds { get; }

    /// <summary>What the link stands for in Cyclades, for the 404 of an update once it is gone.</summary>
    protected abstract string Gone { get; }

    public Task<IReadOnlyList<Mixin>> MixinsAsync(ICredential? service, CancellationToken ct) => Task.FromResult<IReadOnlyList<Mixin>>([]);

    public abstract Task<Entity> CreateAsync(ICredential credential, Caller caller, Entity entity, CancellationToken ct);

    public abstract Task<bool> RefreshAsync(ICredential credential, Entity entity, ReadFreshness freshness, CancellationToken ct);

    public async Task<Entity> UpdateAsync(ICredential credential, Entity entity, CancellationToken ct) =>
        await RefreshAsync(credential, entity, ReadFreshness.Live, ct) ? entity
        : throw OcciException.NotFound($"{entity.Kind.Term} {entity.Id}: {Gone}");

    public abstract Task DeleteAsync(ICredential credential, Entity entity, CancellationToken ct);

    public Task<Entity> InvokeAsync(ICredential credential, Entity entity, ActionInvocation action, CancellationToken ct) =>
        throw OcciException.BadRequest($"{entity.Kind.Term} has no action {action.Action}");

    public abstract IAsyncEnumerable<string> InventoryAsync(ICredential service, CategoryId kind, CancellationToken ct);

    /// <summary>The link, the Cyclades server at its source and the Cyclades id at its target (a <paramref name="what"/> of this gateway).</summary>
    protected static (Link Link, string Server, string Target) Ends(Entity entity, string what)
    {
        var link = LinkEnds.AsLink(entity);
        return (link, LinkEnds.ServerOf(link), LinkEnds.TargetOf(link, what));
    }
}
