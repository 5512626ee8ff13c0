using System.Collections.Immutable;
using Occi.Core;
using Occi.Core.Model;

namespace Occi.Backends.Local;

/// <summary>
/// Decides whether an operation of the simulated cloud fails: at a configured random rate (seeded, so a
/// failing run can be replayed), for the next N calls of an operation, or whenever a test's rule says so.
/// Costs one field read when nothing is armed.
/// </summary>
internal sealed class FailureInjection
{
    private readonly double _rate;
    private readonly Random? _dice;
    private readonly Lock _gate = new();
    private readonly int[] _failNext = new int[Enum.GetValues<LocalOperation>().Length];
    private ImmutableList<Func<LocalOperation, Entity?, bool>> _rules = [];
    private volatile int _armed; // failNext counts + rules; 0 means only the rate can fail

    public FailureInjection(double rate, int? seed)
    {
        _rate = rate;
        if (rate > 0) _dice = seed is { } s ? new Random(s) : new Random();
    }

    public void FailNext(LocalOperation operation, int times)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        lock (_gate)
        {
            _failNext[(int)operation] += times;
            _armed += times;
        }
    }

    public IDisposable Add(Func<LocalOperation, Entity?, bool> rule)
    {
        lock (_gate)
        {
            _rules = _rules.Add(rule);
            _armed++;
        }
        return new Removal(this, rule);
    }

    public void ThrowIfFailing(LocalOperation operation, Entity? entity)
    {
        if (_armed == 0 && _dice is null) return;
        if (ShouldFail(operation, entity))
            throw new OcciException(OcciErrorKind.BackendFailure,
                $"the local cloud failed to {operation.ToString().ToLowerInvariant()}{Describe(entity)} (simulated failure)");
    }

    private bool ShouldFail(LocalOperation operation, Entity? entity)
    {
        lock (_gate)
        {
            if (_failNext[(int)operation] > 0)
            {
                _failNext[(int)operation]--;
                _armed--;
                return true;
            }
            if (_dice is not null && _dice.NextDouble() < _rate) return true;
        }
        foreach (var rule in _rules)
            if (rule(operation, entity)) return true;
        return false;
    }

    private static string Describe(Entity? e) => e is null ? "" : $" {e.Kind.Term} {e.BackendId ?? e.Id}";

    private sealed class Removal(FailureInjection owner, Func<LocalOperation, Entity?, bool> rule) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 1) return;
            lock (owner._gate)
            {
                owner._rules = owner._rules.Remove(rule);
                owner._armed--;
            }
        }
    }
}
