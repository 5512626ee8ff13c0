using System.Collections.Concurrent;
using System.Threading.Channels;
using Occi.Core.BackendContracts;
using Occi.Core.Model;

namespace Occi.Backends.OpenStack.Changes;

/// <summary>
/// The objects the <see cref="IChangeSource"/>s saw change, announced to the server (<see cref="IBackendChanges"/>)
/// after they are in the read cache, so the store follows the cloud without a client's GET. An object that changes
/// again before the server took it is held once; what is pending is bounded by the objects the cloud has.
/// </summary>
internal sealed class ChangeAnnouncements : IBackendChanges
{
    private readonly ConcurrentDictionary<BackendChange, byte> _pending = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Announce(CategoryId kind, string backendId)
    {
        if (_pending.TryAdd(new BackendChange(kind, backendId), 0)) _wake.Writer.TryWrite(true);
    }

    public async ValueTask<IReadOnlyList<BackendChange>> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _wake.Reader.ReadAsync(cancellationToken);
            var taken = new List<BackendChange>(_pending.Count);
            foreach (var change in _pending.Keys)
                if (_pending.TryRemove(change, out _)) taken.Add(change);
            if (taken.Count > 0) return taken;
        }
    }
}
