using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Occi.Backends.Local.Persistence;
using Occi.Core;
using Occi.Core.Attributes;
using Occi.Core.BackendContracts;
using Occi.Core.Model;
using Occi.Infrastructure;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;
using Occi.Infrastructure.States;

namespace Occi.Backends.Local;

/// <summary>
/// The zero-setup default backend: a simulated cloud held in memory and journaled to
/// <c>Occi:DataPath</c>/local-backend.json, so it survives a restart of the server.
/// <para>
/// Lifecycles (see <see cref="Lifecycle"/>): a new compute boots by itself to "active" (unless
/// <c>Occi:Local:BootOnCreate</c> is false: then it stays "inactive"); storage becomes "online"; a network
/// "active"; networkinterface and storagelink "active" (after the action delay, when there is one).
/// Actions follow GFD.184's state machines (<see cref="StateMachines"/>): an action the current state does not allow is a Conflict. With
/// <c>Occi:Local:ActionDelayMs</c> above zero an action takes that long: until then the entity keeps its
/// old state, shows the action in progress in its state message ("starting") and refuses further actions.
/// </para>
/// <para>
/// Reads take no lock: every entity is an immutable <see cref="SimulatedEntity"/> in a concurrent
/// dictionary. Changes are serialised by one async lock, journaled, then published.
/// </para>
/// </summary>
internal sealed class LocalBackend : ICloudBackend, IDisposable
{
    private readonly ConcurrentDictionary<string, SimulatedEntity> _entities;
    private readonly Topology _topology;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly StateJournal _journal;
    private readonly TimeProvider _time;
    private readonly FailureInjection _failures;
    private readonly Mixin[] _configuredMixins;
    private readonly SavedImages _savedImages;
    private volatile BackendCapabilities _capabilities;
    private readonly FrozenDictionary<CategoryId, ResourceTemplateOption> _resourceTemplates;
    private readonly Ipv4Block _defaultPool;
    private readonly TimeSpan _actionDelay;
    private bool _disposed;

    public LocalBackend(LocalBackendOptions options, TimeProvider? time = null, ILogger<LocalBackend>? logger = null)
    {
        options.Validate();
        Options = options;
        _time = time ?? TimeProvider.System;
        _actionDelay = TimeSpan.FromMilliseconds(options.ActionDelayMs);
        _failures = new FailureInjection(options.FailureRate, options.FailureSeed);
        Ipv4Block.TryParse(options.DefaultAddressPool, out _defaultPool);

        var osTemplates = options.EffectiveOsTemplates.Select(t => Templates.OsTemplate(options.OsTemplateScheme, t.Term, t.Title)).ToArray();
        var resourceTemplates = options.EffectiveResourceTemplates
            .Select(t => (Option: t, Mixin: Templates.ResourceTemplate(options.ResourceTemplateScheme, t.Term, t.Title, t.Cores, t.MemoryGiB)))
            .ToArray();
        _resourceTemplates = resourceTemplates.ToFrozenDictionary(t => t.Mixin.Id, t => t.Option);
        _configuredMixins = [.. InfrastructureModel.Mixins, .. osTemplates, .. resourceTemplates.Select(t => t.Mixin)];

        var loaded = new Dictionary<string, SimulatedEntity>(StringComparer.Ordinal);
        _journal = StateJournal.Open(Path.GetFullPath(options.DataPath), options.FlushToDisk, loaded);
        _savedImages = SavedImages.Open(Path.GetFullPath(options.DataPath));
        _capabilities = Describe();
        if (_journal.SkippedLines > 0)
            (logger ?? NullLogger<LocalBackend>.Instance).LogWarning(
                "Local backend: dropped {Count} unreadable journal line(s) in {Path} (a write cut short by a crash)",
                _journal.SkippedLines, options.DataPath);
        _entities = new ConcurrentDictionary<string, SimulatedEntity>(loaded, StringComparer.Ordinal);
        _topology = new Topology(_entities);
        foreach (var e in loaded.Values.Where(e => !e.IsLink)) _topology.Add(e); // resources first: links resolve their ends against them
        foreach (var e in loaded.Values.Where(e => e.IsLink)) _topology.Add(e);
    }

    public string Name => "local";

    public LocalBackendOptions Options { get; }

    /// <summary>How many entities the simulated cloud holds (all kinds).</summary>
    public int Count => _entities.Count;

    /// <summary>Journal lines dropped at start-up because a crash cut them short.</summary>
    public int SkippedJournalLines => _journal.SkippedLines;

    /// <summary>Whether a compute carries this mixin (an appliance's os_tpl: its image is in use).</summary>
    public bool AnyComputeWith(CategoryId mixin) => _entities.Values.Any(e => e.Kind == Compute.Kind.Id && e.Mixins.Contains(mixin));

    /// <summary>Makes the next <paramref name="times"/> calls of <paramref name="operation"/> fail with BackendFailure.</summary>
    public void FailNext(LocalOperation operation, int times = 1) => _failures.FailNext(operation, times);

    /// <summary>Makes every operation for which <paramref name="when"/> answers true fail with BackendFailure, until the result is disposed.</summary>
    public IDisposable InjectFailure(Func<LocalOperation, Entity?, bool> when) => _failures.Add(when);

    /// <summary>The configured templates plus the images saved from computes, as os_tpl mixins.</summary>
    private BackendCapabilities Describe() => new(InfrastructureModel.Kinds,
        _configuredMixins.Concat(_savedImages.All.Select(i => Templates.OsTemplate(Options.OsTemplateScheme, i.Term, i.Title))));

    public Task<BackendCapabilities> DescribeAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled<BackendCapabilities>(cancellationToken) : Task.FromResult(_capabilities);

    public async Task<Entity> CreateAsync(Caller caller, Entity entity, CancellationToken cancellationToken)
    {
        if (!Lifecycle.IsManaged(entity.Kind))
            throw OcciException.BadRequest($"the local backend does not manage entities of kind {entity.Kind}");
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        SimulatedEntity created;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            _failures.ThrowIfFailing(LocalOperation.Create, entity);
            var id = string.IsNullOrEmpty(entity.Id) ? Guid.NewGuid().ToString() : entity.Id;
            if (_entities.ContainsKey(id)) throw OcciException.Conflict($"{entity.Kind.Term} {id} already exists");

            var attributes = LiveAttributes(entity.Attributes);
            if (entity.Kind == Compute.Kind.Id) ApplyResourceTemplates(entity.Mixins, attributes, previous: null);
            var pending = ComeUp(entity.Kind, attributes);
            var link = entity as Link;
            if (link is not null) AttachLink(link, attributes);

            created = new SimulatedEntity(id, entity.Kind, entity.Mixins.ToArray(), attributes.ToArray(), entity.Location,
                link?.Source, link?.Target, pending, NonEmpty(link?.SourceBackendId), NonEmpty(link?.TargetBackendId));
            Publish(created);
        }
        finally
        {
            _writeLock.Release();
        }
        entity.BackendId = created.Id;
        CopyInto(created, entity);
        return entity;
    }

    public Task<bool> RefreshAsync(Caller caller, Entity entity, ReadFreshness freshness, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<bool>(cancellationToken);
        try
        {
            _failures.ThrowIfFailing(LocalOperation.Refresh, entity);
        }
        catch (OcciException e)
        {
            return Task.FromException<bool>(e); // a faulted task, as an awaited remote call would give
        }
        if (BackendIdOf(entity) is not { } id || !_entities.TryGetValue(id, out var held)) return Task.FromResult(false);
        CopyInto(Current(held), entity);
        return Task.FromResult(true);
    }

    public async Task<Entity> UpdateAsync(Caller caller, Entity entity, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        SimulatedEntity updated;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = Find(entity);
            _failures.ThrowIfFailing(LocalOperation.Update, entity);

            // The entity is the whole wanted state (a PUT may drop attributes), except what the cloud itself
            // assigned: an update that leaves out a MAC, a device name or an address does not take it away.
            var attributes = LiveAttributes(entity.Attributes);
            foreach (var name in CloudAssigned)
                if (!attributes.Contains(name) && current.Get(name) is { } assigned) attributes[name] = assigned;
            if (current.Kind == Compute.Kind.Id) ApplyResourceTemplates(entity.Mixins, attributes, current);
            // The state and its message are the cloud's to say, never the client's.
            if (current.StateAttribute is { } state)
            {
                attributes.Set(state, current.Get(state));
                attributes.Set(state + ".message", current.Get(state + ".message"));
            }
            updated = new SimulatedEntity(current.Id, current.Kind, entity.Mixins.ToArray(), attributes.ToArray(),
                entity.Location ?? current.Location, current.Source, current.Target, current.Pending, current.SourceId, current.TargetId);
            _topology.Remove(current);
            Publish(updated);
        }
        finally
        {
            _writeLock.Release();
        }
        CopyInto(updated, entity);
        return entity;
    }

    /// <summary>Deletes the entity and, as a cloud detaches disks and ports of a deleted server, the links attached to it.</summary>
    public async Task DeleteAsync(Caller caller, Entity entity, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            _failures.ThrowIfFailing(LocalOperation.Delete, entity);
            if (BackendIdOf(entity) is not { } id || !_entities.TryGetValue(id, out var gone)) return;
            var doomed = gone.IsLink ? [gone] : _topology.LinksOf(id).Append(gone).ToArray();
            foreach (var e in doomed) _journal.Delete(e.Id);
            _journal.Commit();
            foreach (var e in doomed)
            {
                _topology.Remove(e);
                _entities.TryRemove(e.Id, out _);
            }
            CompactWhenLong();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<Entity> InvokeAsync(Caller caller, Entity entity, ActionInvocation action, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        SimulatedEntity after;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = Find(entity);
            _failures.ThrowIfFailing(LocalOperation.Invoke, entity);
            after = Transition(current, action);
            if (!ReferenceEquals(after, current))
            {
                if (action.Action == Compute.Save.Id) SaveImage(current, action);
                _topology.Remove(current);
                Publish(after);
            }
        }
        finally
        {
            _writeLock.Release();
        }
        CopyInto(after, entity);
        return entity;
    }

    public async IAsyncEnumerable<string> InventoryAsync(CategoryId kind, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _failures.ThrowIfFailing(LocalOperation.Inventory, null);
        foreach (var e in _entities.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (e.Kind == kind) yield return e.Id;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>
    /// Save makes a new image, offered from now on as an os_tpl (named by the action's <c>name</c>, as
    /// GFD.224 has it); the server's periodic model refresh shows it in the query interface.
    /// </summary>
    private void SaveImage(SimulatedEntity compute, ActionInvocation action)
    {
        var name = action.Attributes.GetString("name");
        var offered = _capabilities.Mixins.Where(m => m.Scheme == Options.OsTemplateScheme).Select(m => m.Term).ToHashSet(StringComparer.Ordinal);
        _savedImages.Add(name, compute.Id, offered.Contains);
        _capabilities = Describe();
    }

    /// <summary>Compacts the journal (so the next start reads one file) and lets go of the data folder.</summary>
    public void Dispose()
    {
        _writeLock.Wait();
        try
        {
            if (_disposed) return;
            _disposed = true;
            if (_journal.RecordsSinceCompaction > 0)
            {
                try { _journal.Compact(_entities.Values); }
                catch (IOException) { } // the journal still holds every change; the next start replays it
            }
            _journal.Dispose();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Sets the state a new entity is created in: ready at once without a delay (or with BootOnCreate off),
    /// else the state it comes up from, with its message, and the transition that makes it ready when due.
    /// The state a client sent is replaced: it is the cloud's to say.
    /// </summary>
    private PendingTransition? ComeUp(CategoryId kind, AttributeBag attributes)
    {
        var state = StateMachines.StateAttributeOf(kind)!;
        var ready = Lifecycle.ReadyState(kind, Options.BootOnCreate)!;
        if (_actionDelay == TimeSpan.Zero || !Options.BootOnCreate)
        {
            attributes[state] = ready;
            attributes.Remove(state + ".message");
            return null;
        }
        var (during, message) = Lifecycle.ComingUp(kind);
        attributes[state] = during;
        attributes[state + ".message"] = message;
        return new PendingTransition(null, ready, _time.GetUtcNow() + _actionDelay, message, []);
    }

    /// <summary>
    /// The state after <paramref name="invocation"/>, now or, with a delay, once it is due. While an entity comes
    /// up, the state machine of the state it shows decides: an action leading where it is going anyway (start
    /// on a booting compute, online on a volume being created) joins it and changes nothing; any other is a
    /// Conflict, as during an action under way.
    /// </summary>
    private SimulatedEntity Transition(SimulatedEntity current, ActionInvocation invocation)
    {
        var action = invocation.Action;
        if (current.StateAttribute is null || current.State is not { } state)
            throw OcciException.BadRequest($"{current.Kind.Term} {current.Id} has no actions");
        if (current.Pending is { Action: null } coming)
        {
            if (StateMachines.Next(current.Kind, state, action) == coming.To) return current;
            throw OcciException.Conflict($"action {action.Term} is not allowed while {current.Kind.Term} {current.Id} is {coming.Message}");
        }
        if (current.Pending is { Action: { } busy })
            throw OcciException.Conflict($"action {action.Term} is not allowed while {busy.Term} is in progress on {current.Kind.Term} {current.Id}");
        if (StateMachines.Next(current.Kind, state, action) is not { } next)
        {
            if (!StateMachines.Governs(current.Kind, action))
                throw OcciException.BadRequest($"action {action} is not defined for kind {current.Kind}");
            throw OcciException.Conflict($"action {action.Term} is not allowed in state {state}");
        }

        KeyValuePair<string, AttributeValue>[] changes = action == Storage.Resize.Id ? [new(Storage.Size, NewSize(current, invocation))] : [];
        var attributes = new AttributeBag(current.Attributes);
        var message = current.StateAttribute + ".message";
        if (_actionDelay == TimeSpan.Zero)
        {
            foreach (var (name, value) in changes) attributes[name] = value;
            attributes[current.StateAttribute] = next;
            attributes.Remove(message);
            return current.With(attributes: attributes.ToArray());
        }
        var progress = Lifecycle.Progress(action);
        attributes[message] = progress;
        return current.With(attributes: attributes.ToArray(),
            pending: new PendingTransition(action, next, _time.GetUtcNow() + _actionDelay, progress, changes));
    }

    // Volumes grow, they do not shrink: Cinder and libvirt refuse that too.
    private static AttributeValue NewSize(SimulatedEntity storage, ActionInvocation invocation)
    {
        if (!invocation.Attributes.TryGet("size", out var size) || !size.IsNumeric)
            throw OcciException.BadRequest($"action resize needs a numeric 'size' attribute (gigabytes)");
        if (size.AsNumber <= 0) throw OcciException.BadRequest($"a storage size must be positive, got {size}");
        if (storage.Get(Storage.Size) is { IsNumeric: true } old && size.AsNumber < old.AsNumber)
            throw OcciException.Conflict($"storage {storage.Id} cannot shrink from {old} to {size} GB");
        return size;
    }

    /// <summary>Resource template sizes fill in cores and memory the client did not give (on update: did not change).</summary>
    private void ApplyResourceTemplates(IEnumerable<CategoryId> mixins, AttributeBag attributes, SimulatedEntity? previous)
    {
        foreach (var mixin in mixins)
        {
            if (!_resourceTemplates.TryGetValue(mixin, out var template)) continue;
            if (previous is not null && previous.Mixins.Contains(mixin)) continue; // applied when it was added
            if (ClientLeft(Compute.Cores)) attributes[Compute.Cores] = template.Cores;
            if (ClientLeft(Compute.Memory)) attributes[Compute.Memory] = template.MemoryGiB;
        }

        // On create, a value the validator filled from the template's defaults already is the template's.
        bool ClientLeft(string name) => !attributes.TryGet(name, out var given) || (previous?.Get(name) is { } old && old.Equals(given));
    }

    /// <summary>What a hypervisor chooses for a new link: MAC, interface name and address; or the disk's device name.</summary>
    private void AttachLink(Link link, AttributeBag attributes)
    {
        var sourceKey = NonEmpty(link.SourceBackendId) ?? _topology.EndKey(link.Source);
        if (link.Kind == StorageLink.Kind.Id)
        {
            if (attributes.GetString(StorageLink.DeviceId) is null) attributes[StorageLink.DeviceId] = _topology.NextDeviceId(sourceKey);
            return;
        }
        if (link.Kind != NetworkInterface.Kind.Id) return;
        if (attributes.GetString(NetworkInterface.Mac) is null) attributes[NetworkInterface.Mac] = _topology.NewMac();
        if (attributes.GetString(NetworkInterface.Interface) is null) attributes[NetworkInterface.Interface] = _topology.NextInterface(sourceKey);
        if (!link.Mixins.Contains(IpNetworkInterface.Mixin.Id) || attributes.GetString(IpNetworkInterface.Address) is not null) return;

        var networkKey = NonEmpty(link.TargetBackendId) ?? _topology.EndKey(link.Target);
        var network = _topology.Resource(networkKey);
        var block = Ipv4Block.TryParse(network?.GetString(IpNetwork.Address), out var b) ? b : _defaultPool;
        var gateway = Ipv4Block.TryParseAddress(network?.GetString(IpNetwork.Gateway), out var g) ? g : block.DefaultGateway;
        var address = block.FirstFree(_topology.AddressesOn(networkKey), gateway)
            ?? throw OcciException.Conflict($"network {link.Target} has no free address left in {Ipv4Block.Format(block.Network)}/{block.PrefixLength}");
        attributes[IpNetworkInterface.Address] = Ipv4Block.Format(address);
        if (attributes.GetString(IpNetworkInterface.Gateway) is null) attributes[IpNetworkInterface.Gateway] = Ipv4Block.Format(gateway);
        if (attributes.GetString(IpNetworkInterface.Allocation) is null) attributes[IpNetworkInterface.Allocation] = "dynamic";
    }

    /// <summary>Journals the entity, then makes it visible: a change a request saw is already on disk.</summary>
    private void Publish(SimulatedEntity e)
    {
        try
        {
            _journal.Put(e);
            _journal.Commit();
        }
        catch
        {
            _journal.Discard();
            if (_entities.TryGetValue(e.Id, out var before)) _topology.Add(before); // callers removed it to re-index
            throw;
        }
        _entities[e.Id] = e;
        _topology.Add(e);
        CompactWhenLong();
    }

    // Rewriting N entities every N/2 + K records keeps the cost per change constant and the journal short. A large
    // cloud is rewritten off the request path: under the write lock it would hold every change for the whole rewrite.
    private void CompactWhenLong()
    {
        if (_journal.RecordsSinceCompaction <= Options.CompactAfterRecords + _entities.Count / 2) return;
        try
        {
            if (_entities.Count >= Options.CompactInBackgroundFrom) _journal.TryCompactInBackground(_entities.Values.ToArray());
            else _journal.Compact(_entities.Values);
        }
        catch (IOException) { } // the change is journaled already; compaction is tried again after the next one
    }

    private SimulatedEntity Find(Entity entity)
    {
        if (BackendIdOf(entity) is { } id && _entities.TryGetValue(id, out var held)) return Current(held);
        throw OcciException.NotFound($"{entity.Kind.Term} {BackendIdOf(entity) ?? "(no id)"} does not exist in the local cloud");
    }

    /// <summary>The entity as it is now; a transition that came due is completed (and kept so) on the way.</summary>
    private SimulatedEntity Current(SimulatedEntity held)
    {
        if (held.Pending is null) return held;
        var now = held.At(_time.GetUtcNow());
        if (!ReferenceEquals(now, held)) _entities.TryUpdate(held.Id, now, held);
        return now;
    }

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static string? BackendIdOf(Entity e) => !string.IsNullOrEmpty(e.BackendId) ? e.BackendId : string.IsNullOrEmpty(e.Id) ? null : e.Id;

    // occi.core.* (id, title, summary, source, target) belong to the server's store, not to the cloud.
    /// <summary>Attributes the simulated cloud fills in itself (see AttachLink); the client may set them, not remove them.</summary>
    private static readonly string[] CloudAssigned =
    [
        NetworkInterface.Mac, NetworkInterface.Interface, StorageLink.DeviceId,
        IpNetworkInterface.Address, IpNetworkInterface.Gateway, IpNetworkInterface.Allocation,
    ];

    private static AttributeBag LiveAttributes(AttributeBag given)
    {
        var bag = new AttributeBag();
        foreach (var (name, value) in given)
            if (!name.StartsWith("occi.core.", StringComparison.Ordinal)) bag[name] = value;
        return bag;
    }

    private static void CopyInto(SimulatedEntity from, Entity to)
    {
        foreach (var (name, value) in from.Attributes) to.Attributes[name] = value;
        if (from.StateAttribute is { } state && from.Pending is null) to.Attributes.Remove(state + ".message");
    }
}
