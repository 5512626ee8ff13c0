using System.Diagnostics.Metrics;

namespace Occi.Server.Telemetry;

/// <summary>One caller's counts of immediate answers, one per operation (<see cref="PerOperation{T}"/>).</summary>
internal sealed class ImmediateSeries(string operationKey, KeyValuePair<string, object?>[] fixedLabels)
{
    private readonly PerOperation<Tally> _tallies = new(operation => new Tally([.. fixedLabels, new(operationKey, operation)]));

    public void Count(string operation) => Interlocked.Increment(ref _tallies.For(operation).Count);

    public IEnumerable<Measurement<long>> Measurements() => _tallies.Known.Select(t => new Measurement<long>(Volatile.Read(ref t.Count), t.Labels));

    /// <summary>One operation's count and the labels it is reported with.</summary>
    private sealed class Tally(KeyValuePair<string, object?>[] labels)
    {
        public long Count;

        public KeyValuePair<string, object?>[] Labels { get; } = labels;
    }
}
