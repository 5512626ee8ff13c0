using System.Runtime.CompilerServices;
using Occi.Backends.Synnefo.Identity;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Infrastructure.Mixins;
using OcciTemplates = Occi.Infrastructure.Mixins.Templates;

namespace Occi.Backends.Synnefo;

/// <summary>
/// Occi:Backend = Synnefo: OCCI entities as Synnefo resources, each call acting with the caller's Astakos token
/// (<see cref="SynnefoIdentity"/>) and dispatched by kind to the <see cref="ISynnefoTranslator"/> that serves it.
/// Retries of transient failures happen per Synnefo request (the OpenStack request path's pipelines), so the server
/// does not retry on top; its ResilientBackend still bounds and breaks every call.
/// </summary>
internal sealed class SynnefoBackend : ICloudBackend
{
    private readonly SynnefoIdentity _identity;
    private readonly IReadOnlyList<ISynnefoTranslator> _translators;
    private readonly Dictionary<CategoryId, ISynnefoTranslator> _byKind;

    public SynnefoBackend(SynnefoIdentity identity, IEnumerable<ISynnefoTranslator> translators)
    {
        _identity = identity;
        _translators = translators.ToArray();
        _byKind = _translators.SelectMany(t => t.Kinds.Select(k => (k.Id, t))).ToDictionary(p => p.Id, p => p.t);
    }

    public string Name => "synnefo";

    public bool RetriesTransientFailures => true;

    public async Task<BackendCapabilities> DescribeAsync(CancellationToken cancellationToken)
    {
        // Cyclades takes an ssh key and user data (compute-api-guide, "Create Server": personality, user_data), by
        // GFD.224's mixins or the OpenStack-scheme ones rOCCI-cli's --context sends.
        List<Mixin> mixins = [OcciTemplates.OsTpl, OcciTemplates.ResourceTpl, Contextualization.SshKey, Contextualization.UserData,
            Contextualization.OpenStackPublicKey, Contextualization.OpenStackUserDataMixin];
        foreach (var translator in _translators) mixins.AddRange(await translator.MixinsAsync(_identity.Service, cancellationToken));
        return new BackendCapabilities(_translators.SelectMany(t => t.Kinds), mixins.DistinctBy(m => m.Id));
    }

    public async Task<Entity> CreateAsync(Caller caller, Entity entity, CancellationToken cancellationToken) =>
        await For(entity).CreateAsync(await _identity.ForAsync(caller, cancellationToken), caller, entity, cancellationToken);

    public async Task<bool> RefreshAsync(Caller caller, Entity entity, ReadFreshness freshness, CancellationToken cancellationToken) =>
        await For(entity).RefreshAsync(await _identity.ForAsync(caller, cancellationToken), entity, freshness, cancellationToken);

    public async Task<Entity> UpdateAsync(Caller caller, Entity entity, CancellationToken cancellationToken) =>
        await For(entity).UpdateAsync(await _identity.ForAsync(caller, cancellationToken), entity, cancellationToken);

    public async Task DeleteAsync(Caller caller, Entity entity, CancellationToken cancellationToken) =>
        await For(entity).DeleteAsync(await _identity.ForAsync(caller, cancellationToken), entity, cancellationToken);

    public async Task<Entity> InvokeAsync(Caller caller, Entity entity, ActionInvocation action, CancellationToken cancellationToken) =>
        await For(entity).InvokeAsync(await _identity.ForAsync(caller, cancellationToken), entity, action, cancellationToken);

    public async IAsyncEnumerable<string> InventoryAsync(CategoryId kind, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Without a configured token there is no one to ask for everything: reconciliation sees nothing.
        if (_identity.Service is not { } service || !_byKind.TryGetValue(kind, out var translator)) yield break;
        await foreach (var id in translator.InventoryAsync(service, kind, cancellationToken)) yield return id;
    }

    private ISynnefoTranslator For(Entity entity) =>
        _byKind.GetValueOrDefault(entity.Kind)
        ?? throw OcciException.BadRequest($"the Synnefo backend does not manage {entity.Kind}");
}
