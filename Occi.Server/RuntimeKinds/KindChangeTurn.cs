using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Server.RuntimeKinds;

/// <summary>
/// Orders the category manager's changes with the entity writes that depend on what they change (issue 19
/// follow-up): a kind deleted, moved or handed to another provider while a create of one of its entities is in flight
/// would leave that entity behind a kind that is gone, elsewhere or served by another cloud; a location found empty
/// could gain an entity just before a kind claims it. A change takes the turn alone (<see cref="TakeAsync"/>), after
/// the writes sharing it have left; writes share it (<see cref="ShareAsync"/>), and wait while a change holds it or
/// waits for it, so a stream of creates cannot keep an operator's change waiting. Entities of built-in kinds at their
/// own kind's location never take it: nothing a change does can touch them.
/// </summary>
internal sealed class KindChangeTurn
{
    private readonly object _lock = new();
    private readonly SemaphoreSlim _changes = new(1, 1);
    private int _sharing;
    private bool _changing;
    private TaskCompletionSource? _drained;
    private TaskCompletionSource? _changed;

    /// <summary>Told each time a change or a write has to wait for the other: what tests wait on to know the order is taken.</summary>
    internal event Action? Waiting;

    /// <summary>
    /// Whether a write to this stored entity depends on the category manager's changes: its kind is a runtime one, whose
    /// attributes and actions a redefinition changes (an entity's kind never changes; no runtime action belongs to a built-in
    /// kind). A lookup only: an update or action on a compute takes no turn and allocates nothing for it.
    /// </summary>
    public static bool Concerns(Entity stored, CategorySnapshot model) => model.FindKind(stored.Kind) is { IsRuntime: true };

    /// <summary>
    /// Whether a write gives a user mixin, which a DELETE on /-/ may remove meanwhile: the write shares the turn, so the
    /// mixin is either still defined when it is stored (and the delete, after it, takes it off again) or gone when it is
    /// checked (400). A lookup per mixin given: a create with its templates allocates nothing for it.
    /// </summary>
    public static bool NamesUserMixins(List<CategoryId> mixins, CategorySnapshot model)
    {
        foreach (var m in mixins)
            if (model.FindMixin(m) is { IsUserDefined: true }) return true;
        return false;
    }

    /// <summary>Shares the turn with other writes once no change holds or awaits it; dispose the result to leave.</summary>
    public async Task<Shared> ShareAsync(CancellationToken ct)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (!_changing)
                {
                    _sharing++;
                    return new Shared(this);
                }
                wait = (_changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
            Waiting?.Invoke();
            await wait.WaitAsync(ct);
        }
    }

    /// <summary>Takes the turn alone: after the changes before it, once every write sharing it has left; dispose the result to give it back.</summary>
    public async Task<Exclusive> TakeAsync(CancellationToken ct)
    {
        await _changes.WaitAsync(ct);
        Task? drained = null;
        lock (_lock)
        {
            _changing = true;
            if (_sharing > 0) drained = (_drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
        if (drained is not null)
        {
            Waiting?.Invoke();
            try
            {
                await drained.WaitAsync(ct);
            }
            catch
            {
                EndChange();
                throw;
            }
        }
        return new Exclusive(this);
    }

    private void Leave()
    {
        TaskCompletionSource? drained = null;
        lock (_lock)
        {
            if (--_sharing == 0 && _drained is not null) (drained, _drained) = (_drained, null);
        }
        drained?.TrySetResult();
    }

    private void EndChange()
    {
        TaskCompletionSource? changed;
        lock (_lock)
        {
            _changing = false;
            _drained = null;
            (changed, _changed) = (_changed, null);
        }
        changed?.TrySetResult();
        _changes.Release();
    }

    public readonly struct Shared(KindChangeTurn turn) : IDisposable
    {
        public void Dispose() => turn.Leave();
    }

    public readonly struct Exclusive(KindChangeTurn turn) : IDisposable
    {
        public void Dispose() => turn.EndChange();
    }
}
