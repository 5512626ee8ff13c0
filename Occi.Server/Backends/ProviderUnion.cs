using System.Runtime.CompilerServices;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Infrastructure.Mixins;

namespace Occi.Server.Backends;

/// <summary>
/// Several clouds as one backend (issue 19, <c>Occi:Providers</c>). The model is the union of the providers' models
/// (<see cref="ProviderModel"/>: shared categories once, each provider's own mixins kept apart by scheme and related
/// to its region mixin), each provider's last model kept while it is down. A create goes to the provider its region
/// mixin (or a mixin of that provider's) names, else to the one <see cref="IProviderRouter"/> gives its kind; a link to
/// its source's provider. Every later call goes to the provider the entity's backend id names
/// (<see cref="QualifiedBackendId"/>), through that provider's own <see cref="ResilientBackend"/>: a provider whose
/// breaker is open answers 503 with Retry-After for its entities only.
/// </summary>
internal sealed class ProviderUnion(ProviderSet providers, ProviderRouter router, ILogger<ProviderUnion> log) : ICloudBackend
{
    public string Name => "providers";

    /// <summary>Each provider's own pipeline retries and breaks; the union is wrapped in no other.</summary>
    public bool RetriesTransientFailures => true;

    public async Task<BackendCapabilities> DescribeAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(providers.All.Select(p => DescribeAsync(p, cancellationToken)));
        if (!providers.All.Any(p => p.Described))
            throw new OcciException(OcciErrorKind.Unavailable, $"no provider describes itself ({string.Join(", ", providers.All.Select(p => p.Name))})");
        var kinds = new Dictionary<CategoryId, Kind>();
        var mixins = new Dictionary<CategoryId, Mixin> { [Regions.Region.Id] = Regions.Region };
        foreach (var provider in providers.All)
        {
            mixins[provider.Region.Id] = provider.Region;
            foreach (var kind in provider.Model.Kinds) kinds.TryAdd(kind.Id, kind);
            foreach (var mixin in provider.Model.Mixins) mixins.TryAdd(mixin.Id, mixin);
        }
        return new BackendCapabilities(kinds.Values, mixins.Values);
    }

    /// <summary>Reads one provider's model; when it does not answer, its last one stays (and the others are not held up).</summary>
    private async Task DescribeAsync(Provider provider, CancellationToken ct)
    {
        try
        {
            var capabilities = await provider.Backend.DescribeAsync(ct);
            provider.Model = ProviderModel.Of(provider.Name, provider.Region, capabilities);
            provider.Described = true;
            router.Offers(provider.Name, capabilities.Kinds.Select(k => k.Id));
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Provider {Provider} did not describe itself; its last model ({Mixins} mixins) stays", provider.Name, provider.Model.Mixins.Count);
        }
    }

    public Task<Entity> CreateAsync(Caller caller, Entity entity, CancellationToken ct)
    {
        var provider = Place(entity);
        if (entity is Link link) CheckEnds(provider, link);
        return ThroughAsync(provider, entity, caller, static (backend, e, c, t) => backend.CreateAsync(c, e, t), ct);
    }

    public Task<bool> RefreshAsync(Caller caller, Entity entity, ReadFreshness freshness, CancellationToken ct) =>
        ThroughAsync(Owner(entity), entity, (caller, freshness), static (backend, e, s, t) => backend.RefreshAsync(s.caller, e, s.freshness, t), ct);

    public Task<Entity> UpdateAsync(Caller caller, Entity entity, CancellationToken ct)
    {
        var provider = Owner(entity);
        foreach (var mixin in entity.Mixins)
            if (NamedBy(mixin) is { } other && other != provider)
                throw OcciException.Conflict($"{entity.Location} is at provider '{provider.Name}': mixin {mixin} of provider '{other.Name}' cannot be added (an entity stays at its provider)");
        return ThroughAsync(provider, entity, caller, static (backend, e, c, t) => backend.UpdateAsync(c, e, t), ct);
    }

    public Task DeleteAsync(Caller caller, Entity entity, CancellationToken ct) =>
        ThroughAsync(Owner(entity), entity, caller, static async (backend, e, c, t) =>
        {
            await backend.DeleteAsync(c, e, t);
            return true;
        }, ct);

    public Task<Entity> InvokeAsync(Caller caller, Entity entity, ActionInvocation action, CancellationToken ct) =>
        ThroughAsync(Owner(entity), entity, (caller, action), static (backend, e, s, t) => backend.InvokeAsync(s.caller, e, s.action, t), ct);

    /// <summary>
    /// One call at <paramref name="provider"/>: the entity in the provider's naming while it runs, back in the union's
    /// after, whatever happened (and the entity it answers, when that is another object, too).
    /// </summary>
    private async Task<TResult> ThroughAsync<TState, TResult>(Provider provider, Entity entity, TState state,
        Func<ICloudBackend, Entity, TState, CancellationToken, Task<TResult>> call, CancellationToken ct)
    {
        var model = provider.Model;
        var ends = Enter(provider, model, entity);
        TResult result;
        try
        {
            result = await call(provider.Backend, entity, state, ct);
        }
        finally
        {
            Leave(provider, model, entity, ends);
        }
        if (result is Entity answered && !ReferenceEquals(answered, entity)) Leave(provider, model, answered, ends);
        return result;
    }

    /// <summary>
    /// Every provider's inventory of the kind, its ids qualified. A provider that does not manage the kind is passed
    /// over; one that fails fails the whole inventory, so reconciliation never takes a provider that is down for empty.
    /// </summary>
    public async IAsyncEnumerable<string> InventoryAsync(CategoryId kind, [EnumeratorCancellation] CancellationToken ct)
    {
        var any = false;
        foreach (var provider in providers.All)
        {
            if (provider.Described && !provider.Model.OffersKind(kind)) continue;
            List<string> ids = [];
            try
            {
                await foreach (var id in provider.Backend.InventoryAsync(kind, ct)) ids.Add(QualifiedBackendId.Of(provider.Name, id));
            }
            catch (OcciException e) when (e.Kind is OcciErrorKind.BadRequest or OcciErrorKind.NotFound)
            {
                continue;
            }
            any = true;
            foreach (var id in ids) yield return id;
        }
        if (!any) throw OcciException.NotFound($"no provider manages {kind}");
    }

    /// <summary>
    /// Where a new entity goes: the provider its region mixin, or another mixin of that provider's, names; a link's
    /// source's provider; else the provider its kind is routed to. Two providers named at once is a conflict.
    /// </summary>
    private Provider Place(Entity entity)
    {
        Provider? chosen = null;
        foreach (var mixin in entity.Mixins)
        {
            if (NamedBy(mixin) is not { } named) continue;
            if (chosen is not null && chosen != named)
                throw OcciException.Conflict($"mixin {mixin} is of provider '{named.Name}' and another of '{chosen.Name}': an entity lives at one provider");
            chosen = named;
        }
        if (entity is Link { SourceBackendId: { } source })
        {
            var at = OwnerOf(source);
            if (chosen is not null && chosen != at)
                throw OcciException.Conflict($"the link's source {((Link)entity).Source} is at provider '{at.Name}', not '{chosen.Name}' as its mixins say");
            return at;
        }
        if (chosen is null) return providers.Find(router.ProviderFor(entity.Kind)) ?? providers.Default;
        if (chosen.Described && !chosen.Model.OffersKind(entity.Kind))
            throw OcciException.BadRequest($"provider '{chosen.Name}' offers no {entity.Kind} (region {chosen.Region.Id})");
        return chosen;
    }

    /// <summary>A link's ends at two providers are refused unless one of them bridges providers.</summary>
    private void CheckEnds(Provider at, Link link)
    {
        if (link.TargetBackendId is not { } target) return;
        var other = OwnerOf(target);
        if (other == at || at.BridgesProviders || other.BridgesProviders) return;
        throw OcciException.Conflict(
            $"{link.Source} is at provider '{at.Name}' and {link.Target} at '{other.Name}': neither bridges providers, so no link can join them");
    }

    /// <summary>The provider of an entity that exists; one not created yet (a failed create being undone) goes where its create went.</summary>
    private Provider Owner(Entity entity) => entity.BackendId is { } id ? OwnerOf(id) : Place(entity);

    private Provider OwnerOf(string backendId) => providers.NamedIn(backendId, out _) ?? providers.Default;

    /// <summary>The provider a mixin belongs to: a region of the gateway's, or one of a provider's own mixins; null for shared ones.</summary>
    private Provider? NamedBy(CategoryId mixin)
    {
        if (Regions.ProviderOf(mixin) is { } name) return providers.Find(name);
        if (ProviderModel.IsShared(mixin)) return null;
        foreach (var provider in providers.All)
            if (provider.Model.Owns(mixin)) return provider;
        return null;
    }

    /// <summary>
    /// The entity as the provider knows it: its own backend id and mixin names, without the region mixin. Returns a
    /// link's end ids as the union has them, for <see cref="Leave"/> to put back.
    /// </summary>
    private EnteredIds Enter(Provider provider, ProviderModel model, Entity entity)
    {
        var original = entity.BackendId;
        if (original is not null) entity.BackendId = Raw(original);
        var mixins = entity.Mixins;
        for (var i = mixins.Count - 1; i >= 0; i--)
        {
            if (mixins[i] == provider.Region.Id) mixins.RemoveAt(i);
            else mixins[i] = model.ToOwn(mixins[i]);
        }
        if (entity is not Link link) return new(original, entity.BackendId, null, null);
        var ends = new EnteredIds(original, entity.BackendId, link.SourceBackendId, link.TargetBackendId);
        if (link.SourceBackendId is { } source) link.SourceBackendId = Raw(source);
        if (link.TargetBackendId is { } target) link.TargetBackendId = Raw(target);
        return ends;
    }

    /// <summary>An entity's ids as the union has them, and the backend id it was handed in the provider's naming.</summary>
    private readonly record struct EnteredIds(string? Qualified, string? Entered, string? Source, string? Target);

    /// <summary>The inverse of <see cref="Enter"/>: the union's names, the qualified backend id, the region mixin.</summary>
    private static void Leave(Provider provider, ProviderModel model, Entity entity, EnteredIds ends)
    {
        // Unchanged by the call: the id it came with (an unprefixed one, stored before Occi:Providers, gets its prefix).
        if (entity.BackendId is { } id)
            entity.BackendId = ReferenceEquals(id, ends.Entered) && ends.Qualified is { } qualified && !ReferenceEquals(qualified, id)
                ? qualified
                : QualifiedBackendId.Of(provider.Name, id);
        var mixins = entity.Mixins;
        for (var i = 0; i < mixins.Count; i++) mixins[i] = model.ToUnion(mixins[i]);
        if (!mixins.Contains(provider.Region.Id)) mixins.Add(provider.Region.Id);
        if (entity is Link link)
        {
            link.SourceBackendId = ends.Source;
            link.TargetBackendId = ends.Target;
        }
    }

    /// <summary>The backend's own id: without the provider's prefix (an id stored before Occi:Providers has none).</summary>
    private string Raw(string backendId) => providers.NamedIn(backendId, out var start) is null ? backendId : backendId[start..];
}
