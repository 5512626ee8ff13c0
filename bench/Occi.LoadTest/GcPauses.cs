using System.Diagnostics.Tracing;

namespace Occi.LoadTest;

/// <summary>
/// Every pause the GC makes while it listens (the runtime's own GC events: a pause runs from the suspension of the
/// managed threads to their restart), with the collection it belongs to — generation, and whether it was the
/// blocking kind or a background gen2 — and the bytes each gen0 collection promoted: what a create's tail waits out.
/// </summary>
internal sealed class GcPauses : EventListener
{
    private const int GCStart = 1, RestartEEEnd = 3, HeapStats = 4, SuspendEEBegin = 9;

    private readonly object _lock = new();
    private readonly List<(string Kind, double Ms)> _pauses = [];
    private readonly List<long> _promotedByGen0 = [];
    private string _current = "gen0";
    private DateTime? _suspended;
    private bool _on;

    /// <summary>Bytes that outlived gen0, over every collection (gen1 and gen2 ones promote out of gen0 too).</summary>
    public long PromotedFromGen0 { get; private set; }

    public void Start() { lock (_lock) { _pauses.Clear(); _promotedByGen0.Clear(); PromotedFromGen0 = 0; _on = true; } }

    public void Stop() { lock (_lock) _on = false; }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Informational, (EventKeywords)1); // GC
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        lock (_lock)
        {
            if (!_on) return;
            switch (e.EventId)
            {
                case GCStart:
                    var depth = Convert.ToInt32(e.Payload![1]);
                    var type = Convert.ToInt32(e.Payload[3]); // 0 blocking, 1 background, 2 foreground during a background one
                    _current = type == 1 ? "background gen2" : $"gen{depth}" + (type == 2 ? " (during background)" : "");
                    break;
                case SuspendEEBegin:
                    _suspended = e.TimeStamp;
                    break;
                case RestartEEEnd when _suspended is { } from:
                    _pauses.Add((_current, (e.TimeStamp - from).TotalMilliseconds));
                    _suspended = null;
                    break;
                case HeapStats:
                    var fromGen0 = Convert.ToInt64(e.Payload![1]); // TotalPromotedSize0
                    PromotedFromGen0 += fromGen0;
                    if (_current == "gen0") _promotedByGen0.Add(fromGen0);
                    break;
            }
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            var rows = _pauses.GroupBy(p => p.Kind).OrderBy(g => g.Key).Select(g =>
            {
                var ms = g.Select(p => p.Ms).Order().ToArray();
                return $"{g.Key}: {ms.Length} pauses, median {ms[ms.Length / 2]:N1} ms, max {ms[^1]:N1} ms, {ms.Sum():N0} ms in all";
            });
            var promoted = _promotedByGen0.Count == 0 ? "" : $"; a gen0 collection promoted {_promotedByGen0.Average() / (1 << 20):N1} MiB on average";
            return $"GC pauses seen by the runtime's events ({_pauses.Count}, {_pauses.Sum(p => p.Ms):N0} ms): " + string.Join("; ", rows) + promoted;
        }
    }
}
