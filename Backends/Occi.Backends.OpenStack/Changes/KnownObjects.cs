using System.Collections.Concurrent;
using Occi.Core.BackendContracts;

namespace Occi.Backends.OpenStack.Changes;

/// <summary>
/// The one read cache of the OpenStack backend: what the gateway knows of one kind of OpenStack object (Nova servers,
/// Cinder volumes, Neutron networks, subnets, ports, floating IPs), so a GET does not wait for the service. Each object
/// as last read, by a request or by its <see cref="IChangeSource"/>, or that it is gone. An entry is fresh while the
/// later of its own read and the last complete sweep that vouches for it is at most Occi:OpenStack:StalenessSeconds
/// old. A sweep vouches only for entries it has listed (so never for another project's object, which the configured
/// account does not see) and that are settled: an object in a transitional state (a volume deleting) is read again
/// once its own read is stale, since a sweep may never see it go.
/// </summary>
/// <param name="isGone">A state the service still shows but that is gone for OCCI (a server DELETED in Nova's changes-since listing).</param>
/// <param name="isTransitional">A state a sweep may never see end.</param>
internal sealed class KnownObjects<T>(TimeSpan staleness, TimeProvider time, Func<T, bool>? isGone = null, Func<T, bool>? isTransitional = null)
    where T : class
{
    private const int MaxEntries = 200_000;

    private readonly ConcurrentDictionary<string, Entry> _items = new(StringComparer.Ordinal);
    private long _sweptAtTicks;

    /// <summary>True when a fresh entry exists: <paramref name="value"/> is the object, or null when it is gone.</summary>
    public bool TryGetFresh(string id, out T? value)
    {
        value = null;
        if (!_items.TryGetValue(id, out var known)) return false;
        var asOf = known.ReadAt;
        var swept = new DateTimeOffset(Interlocked.Read(ref _sweptAtTicks), TimeSpan.Zero);
        if (known is { Swept: true, Settled: true } && swept > asOf) asOf = swept;
        if (time.GetUtcNow() - asOf > staleness) return false;
        value = known.Value;
        return true;
    }

    /// <summary>
    /// One object for a read: what is fresh when <paramref name="freshness"/> is <see cref="ReadFreshness.Known"/> (at
    /// once, without allocating: the GET path), else the service's answer (<paramref name="show"/> with
    /// <paramref name="state"/>; null: not found), remembered. Null when it is gone.
    /// </summary>
    public ValueTask<T?> ReadAsync<TState>(string id, ReadFreshness freshness, TState state, Func<TState, string, CancellationToken, Task<T?>> show, CancellationToken ct) =>
        freshness == ReadFreshness.Known && TryGetFresh(id, out var known) ? ValueTask.FromResult(known) : ShowAsync(id, state, show, ct);

    private async ValueTask<T?> ShowAsync<TState>(string id, TState state, Func<TState, string, CancellationToken, Task<T?>> show, CancellationToken ct) =>
        Put(id, await show(state, id, ct));

    /// <summary>
    /// A read of the object (null: it is gone), by a request or, with <paramref name="bySweep"/>, listed by a sweep;
    /// returns what is kept (null for an object in a gone state).
    /// </summary>
    public T? Put(string id, T? value, bool bySweep = false)
    {
        if (value is not null && isGone?.Invoke(value) == true) value = null;
        var settled = value is null || isTransitional?.Invoke(value) != true;
        if (_items.Count >= MaxEntries) _items.Clear(); // bounded: what is dropped is read again
        _items[id] = new Entry(value, time.GetUtcNow(), settled, bySweep || _items.TryGetValue(id, out var old) && old.Swept);
        return value;
    }

    /// <summary>Forgets an object, so the next read asks the service (after a create, action or delete that changes it).</summary>
    public void Forget(string id) => _items.TryRemove(id, out _);

    /// <summary>Every entry: what a sweep compares with the service's listing.</summary>
    public IEnumerable<(string Id, T? Value)> Entries => _items.Select(p => (p.Key, p.Value.Value));

    /// <summary>
    /// What one sweep that began at <paramref name="startedAt"/> listed: each object kept as the sweep saw it, then the
    /// sweep marked (<see cref="MarkSwept"/>). For a source with a list of its own (Synnefo's Cyclades servers).
    /// </summary>
    public void PutSwept(IEnumerable<T> listed, Func<T, string> idOf, DateTimeOffset startedAt)
    {
        foreach (var item in listed) Put(idOf(item), item, bySweep: true);
        MarkSwept(startedAt);
    }

    /// <summary>A sweep that began at <paramref name="startedAt"/> saw every change up to then.</summary>
    public void MarkSwept(DateTimeOffset startedAt)
    {
        var ticks = startedAt.UtcTicks;
        long seen;
        while (ticks > (seen = Interlocked.Read(ref _sweptAtTicks)) && Interlocked.CompareExchange(ref _sweptAtTicks, ticks, seen) != seen)
        {
        }
    }

    public DateTimeOffset Now => time.GetUtcNow();

    private sealed record Entry(T? Value, DateTimeOffset ReadAt, bool Settled, bool Swept);
}
