using Occi.Core.BackendContracts;

namespace Occi.Server.Backends;

/// <summary>
/// The providers' <see cref="IBackendChanges"/> as one (issue 19): whichever announces first is answered, its
/// backend ids qualified with its name, so the server finds the entity by the id it stored. With no provider that
/// follows its cloud, it waits until the server stops.
/// </summary>
internal sealed class ProviderChanges : IBackendChanges
{
    private readonly (string Provider, IBackendChanges Changes)[] _sources;
    private readonly Task<IReadOnlyList<BackendChange>>?[] _pending;
    private readonly Lock _gate = new();

    public ProviderChanges(ProviderSet providers)
    {
        _sources = providers.All
            .Select(p => (p.Name, Changes: p.Services.GetService(typeof(IBackendChanges)) as IBackendChanges))
            .Where(s => s.Changes is not null)
            .Select(s => (s.Name, s.Changes!))
            .ToArray();
        _pending = new Task<IReadOnlyList<BackendChange>>?[_sources.Length];
    }

    /// <summary>One caller at a time (the change follower); a source's wait left running is taken up by the next call.</summary>
    public async ValueTask<IReadOnlyList<BackendChange>> NextAsync(CancellationToken cancellationToken)
    {
        if (_sources.Length == 0)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [];
        }
        Task<IReadOnlyList<BackendChange>>[] waits;
        lock (_gate)
        {
            for (var i = 0; i < _sources.Length; i++)
                _pending[i] ??= _sources[i].Changes.NextAsync(cancellationToken).AsTask();
            waits = [.. _pending!];
        }
        await Task.WhenAny(waits).WaitAsync(cancellationToken);
        var done = new List<(string Provider, Task<IReadOnlyList<BackendChange>> Wait)>();
        lock (_gate)
        {
            for (var i = 0; i < _sources.Length; i++)
            {
                if (_pending[i] is not { IsCompleted: true } completed) continue;
                _pending[i] = null;
                done.Add((_sources[i].Provider, completed));
            }
        }
        var changes = new List<BackendChange>();
        foreach (var (provider, wait) in done)
            foreach (var change in await wait)
                changes.Add(change with { BackendId = QualifiedBackendId.Of(provider, change.BackendId) });
        return changes;
    }
}
