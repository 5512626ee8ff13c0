using System.Runtime.CompilerServices;
using Occi.Backends.OpenStack.Identity;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Infrastructure.Mixins;
using OcciTemplates = Occi.Infrastructure.Mixins.Templates;

namespace Occi.Backends.OpenStack;

/// <summary>
/// Occi:Backend = OpenStack: OCCI entities as OpenStack resources, each call acting as the caller
/// (<see cref="OpenStackIdentity"/>) and dispatched by kind to the <see cref="IKindTranslator"/> that serves it.
/// Retries of transient failures happen per OpenStack request (Http/ServicePipelines), so the server does not retry on top.
/// </summary>
internal sealed class OpenStackBackend : ICloudBackend
{
    private readonly OpenStackIdentity _identity;
    private readonly IReadOnlyList<IKindTranslator> _translators;
    private readonly Dictionary<CategoryId, IKindTranslator> _byKind;
    private readonly ILookup<CategoryId, IKindExtension> _extensions;

    public OpenStackBackend(OpenStackIdentity identity, IEnumerable<IKindTranslator> translators, IEnumerable<IKindExtension> extensions)
    {
        _extensions = extensions.ToLookup(e => e.Kind);
        _identity = identity;
        _translators = translators.ToArray();
        _byKind = _translators.SelectMany(t => t.Kinds.Select(k => (k.Id, t))).ToDictionary(p => p.Id, p => p.t);
    }

    public string Name => "openstack";

    public bool RetriesTransientFailures => true;

    public async Task<BackendCapabilities> DescribeAsync(CancellationToken ct)
    {
        var service = _identity.Service;
        List<Mixin> mixins = [OcciTemplates.OsTpl, OcciTemplates.ResourceTpl, Contextualization.SshKey, Contextualization.UserData,
            Contextualization.OpenStackPublicKey, Contextualization.OpenStackUserDataMixin];
        foreach (var translator in _translators) mixins.AddRange(await translator.MixinsAsync(service, ct));
        return new BackendCapabilities(_translators.SelectMany(t => t.Kinds), mixins.DistinctBy(m => m.Id));
    }

    public async Task<Entity> CreateAsync(Caller caller, Entity entity, CancellationToken ct)
    {
        var credential = await _identity.ForAsync(caller, ct);
        var translator = For(entity);
        foreach (var extension in _extensions[entity.Kind]) await extension.CheckAsync(credential, entity, ct);
        var created = await translator.CreateAsync(credential, caller, entity, ct);
        try
        {
            foreach (var extension in _extensions[entity.Kind]) await extension.ApplyAsync(credential, created, created: true, ct);
        }
        catch
        {
            await translator.DeleteAsync(credential, created, CancellationToken.None); // no half-made entity stays in the cloud
            throw;
        }
        return created;
    }

    public async Task<bool> RefreshAsync(Caller caller, Entity entity, ReadFreshness freshness, CancellationToken ct) =>
        await For(entity).RefreshAsync(await _identity.ForAsync(caller, ct), entity, freshness, ct);

    public async Task<Entity> UpdateAsync(Caller caller, Entity entity, CancellationToken ct)
    {
        var credential = await _identity.ForAsync(caller, ct);
        var updated = await For(entity).UpdateAsync(credential, entity, ct);
        foreach (var extension in _extensions[entity.Kind]) await extension.ApplyAsync(credential, updated, created: false, ct);
        return updated;
    }

    public async Task DeleteAsync(Caller caller, Entity entity, CancellationToken ct) =>
        await For(entity).DeleteAsync(await _identity.ForAsync(caller, ct), entity, ct);

    public async Task<Entity> InvokeAsync(Caller caller, Entity entity, ActionInvocation action, CancellationToken ct) =>
        await For(entity).InvokeAsync(await _identity.ForAsync(caller, ct), entity, action, ct);

    public async IAsyncEnumerable<string> InventoryAsync(CategoryId kind, [EnumeratorCancellation] CancellationToken ct)
    {
        // Without a configured account there is no one to ask for everything: reconciliation sees nothing.
        if (_identity.Service is not { } service || !_byKind.TryGetValue(kind, out var translator)) yield break;
        await foreach (var id in translator.InventoryAsync(service, kind, ct)) yield return id;
    }

    private IKindTranslator For(Entity entity) =>
        _byKind.GetValueOrDefault(entity.Kind)
        ?? throw OcciException.BadRequest($"the OpenStack backend does not manage {entity.Kind}");
}
