using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Occi.Backends.Libvirt.Translation;
using Occi.Core;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Infrastructure;
using Occi.Infrastructure.Mixins;

namespace Occi.Backends.Libvirt;

/// <summary>
/// The OCCI backend for a libvirt host (Occi:Backend = Libvirt): compute ↔ domain, storage ↔ volume,
/// network ↔ virtual network, storagelink ↔ disk, networkinterface ↔ interface. Every operation is one
/// unit of blocking libvirt calls run off the request thread through the host's resilience pipeline.
/// </summary>
internal sealed class LibvirtBackend : ICloudBackend, IDisposable
{
    private readonly LibvirtOptions _options;
    private readonly LibvirtHost _host;
    private readonly LibvirtTemplates _templates;
    private readonly PoolChoice _pools;
    private readonly Dictionary<CategoryId, IKindTranslation> _kinds;
    private readonly ILogger _logger;

    /// <param name="clock">Paces the host's resilience pipeline and dates the cloud-init seeds; the system clock when null.</param>
    public LibvirtBackend(LibvirtOptions options, ILogger<LibvirtBackend>? logger = null, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _host = new LibvirtHost(options, clock);
        var pools = _pools = new PoolChoice(options);
        _templates = new LibvirtTemplates(options, pools);
        IKindTranslation[] kinds =
        [
            new ComputeDomains(options, _host, _templates, new CloudInitContext(clock), pools),
            new StorageVolumes(options, pools),
            new VirtualNetworks(options),
            new StorageLinkDisks(pools),
            new NetworkInterfaceAttachments(),
        ];
        _kinds = kinds.ToDictionary(k => k.Kind);
    }

    public string Name => "libvirt";

    internal LibvirtOptions Options => _options;

    internal PoolChoice Pools => _pools;

    /// <summary>Every libvirt call already runs through the host's own retry pipeline (Occi:Libvirt:RetryCount).</summary>
    public bool RetriesTransientFailures => _options.RetryCount > 0;

    /// <summary>The connection URI this backend drives.</summary>
    public string Uri => _options.Uri;

    /// <summary>
    /// The model the backend offers. The server asks at start-up, so the storage pools are chosen then
    /// (<see cref="PoolChoice"/>): a configuration that does not fit the host stops the start, naming its pools.
    /// </summary>
    public async Task<BackendCapabilities> DescribeAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Mixin> osTemplates;
        try
        {
            osTemplates = await Run(c => _templates.OsTemplates(c), "describe", cancellationToken).ConfigureAwait(false);
        }
        catch (OcciException e) when (e.Kind == OcciErrorKind.BackendFailure)
        {
            _logger.LogError("libvirt backend on {Uri}: {Message}", _options.Uri, e.Message);
            throw;
        }
        Mixin[] mixins =
        [
            IpNetwork.Mixin, IpNetworkInterface.Mixin, Templates.OsTpl, Templates.ResourceTpl,
            Contextualization.SshKey, Contextualization.UserData,
            Contextualization.OpenStackPublicKey, Contextualization.OpenStackUserDataMixin,
            .. _templates.ResourceTemplates, .. osTemplates,
        ];
        return new BackendCapabilities(InfrastructureModel.Kinds, mixins);
    }

    public Task<Entity> CreateAsync(Caller caller, Entity entity, CancellationToken cancellationToken) =>
        Run(c => For(entity).Create(c, entity), $"create {entity.Kind.Term} {entity.Id}", cancellationToken);

    public Task<bool> RefreshAsync(Caller caller, Entity entity, ReadFreshness freshness, CancellationToken cancellationToken) =>
        Run(c => For(entity).Refresh(c, entity), $"refresh {entity.Kind.Term} {entity.Id}", cancellationToken);

    public Task<Entity> UpdateAsync(Caller caller, Entity entity, CancellationToken cancellationToken) =>
        Run(c => For(entity).Update(c, entity), $"update {entity.Kind.Term} {entity.Id}", cancellationToken);

    public Task DeleteAsync(Caller caller, Entity entity, CancellationToken cancellationToken) =>
        Run(c => { For(entity).Delete(c, entity); return true; }, $"delete {entity.Kind.Term} {entity.Id}", cancellationToken);

    public Task<Entity> InvokeAsync(Caller caller, Entity entity, ActionInvocation action, CancellationToken cancellationToken) =>
        Run(c => For(entity).Invoke(c, entity, action), $"{action.Action.Term} {entity.Kind.Term} {entity.Id}", cancellationToken);

    public async IAsyncEnumerable<string> InventoryAsync(CategoryId kind, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!_kinds.TryGetValue(kind, out var translation)) yield break;
        var ids = await Run(translation.Inventory, $"inventory of {kind.Term}", cancellationToken).ConfigureAwait(false);
        foreach (var id in ids) yield return id;
    }

    private IKindTranslation For(Entity entity) =>
        _kinds.GetValueOrDefault(entity.Kind) ?? throw OcciException.BadRequest($"the libvirt backend does not manage kind {entity.Kind}");

    /// <summary>One unit of blocking libvirt calls, off the request thread through the host's pipeline; failures as <see cref="OcciException"/>.</summary>
    internal async Task<T> Run<T>(Func<Client.LibvirtConnection, T> work, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await _host.CallAsync(work, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not OcciException)
        {
            var occi = LibvirtErrors.ToOcci(e, what, _options.Uri);
            _logger.LogWarning(e, "libvirt {Operation} failed: {Message}", what, occi.Message);
            throw occi;
        }
    }

    /// <summary>
    /// Chooses the storage pools afresh (a pool may have been removed since the start) and says which are in
    /// use; throws <see cref="OcciException"/> naming the host's pools when the configuration no longer fits.
    /// </summary>
    public async Task<string> CheckPoolsAsync(CancellationToken cancellationToken)
    {
        var chosen = await Run(c => PoolChoice.Choose(c, _options), "check the storage pools", cancellationToken).ConfigureAwait(false);
        return $"{_options.Uri}: storage pool '{chosen.Storage}', image pool '{chosen.Images}'";
    }

    /// <summary>Drops the host connection as a network failure would; the next call reconnects.</summary>
    internal void DropConnection() => _host.Disconnect();

    public void Dispose() => _host.Dispose();
}
