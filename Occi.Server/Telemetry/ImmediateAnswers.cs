using System.Diagnostics.Metrics;

namespace Occi.Server.Telemetry;

/// <summary>
/// A counter of the calls answered at once (<see cref="TimedCalls"/>: completed before the call returned, succeeded,
/// in under <see cref="Instrumentation.ImmediateBound"/>): the Local backend's in-memory answers, a backend's read
/// cache, the embedded store's index reads. Such a call waited on nothing, its time is a part of its request's own,
/// and in the duration histogram it would only ever fill the first bucket; so it is counted here, by operation,
/// with one interlocked increment, and read when scraped (issue 17: telemetry's cost on GET one compute). One
/// counter per name, shared by every backend of Occi:Providers (each its own <see cref="Series"/>).
/// </summary>
internal sealed class ImmediateAnswers
{
    private volatile ImmediateSeries[] _series = [];
    private readonly Lock _adding = new();

    /// <param name="name">The counter's name ("occi.backend.call.immediate").</param>
    public ImmediateAnswers(IMeterFactory meters, string name, string description) =>
        meters.Create(Instrumentation.Name).CreateObservableCounter(name, () => _series.SelectMany(s => s.Measurements()), "{call}", description);

    /// <param name="operationKey">The operation's label ("occi.backend.operation").</param>
    /// <param name="fixedLabels">Labels every series of the caller has (a backend's name).</param>
    public ImmediateSeries Series(string operationKey, KeyValuePair<string, object?>[] fixedLabels)
    {
        var series = new ImmediateSeries(operationKey, fixedLabels);
        lock (_adding) _series = [.. _series, series];
        return series;
    }
}
