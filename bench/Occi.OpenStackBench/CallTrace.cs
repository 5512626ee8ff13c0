using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Occi.OpenStackBench;

/// <summary>
/// Where a create's or a delete's time goes, measured in process (--trace): each measured call runs under a root span of
/// its own, and every span of its trace is kept — the bench's request, the gateway's request (ASP.NET Core), its backend
/// and store calls (the Occi.Server source) and every HTTP request it makes to OpenStack (System.Net.Http) — with its
/// start and length. Spans of other traces (the change follower, the model refresh) are not the call's and are dropped.
/// </summary>
internal sealed class CallTrace : IDisposable
{
    private static readonly HashSet<string> Sources = ["Occi.OpenStackBench", "Occi.Server", "System.Net.Http", "Microsoft.AspNetCore"];

    // After Sources: a listener may already ask about this source while it is made.
    private static readonly ActivitySource Bench = new("Occi.OpenStackBench");

    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly Dictionary<string, List<List<Span>>> _rounds = [];

    public CallTrace()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => Sources.Contains(source.Name),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Runs one call under a root span named <paramref name="label"/>; its trace is kept as one round of that label.</summary>
    public async Task<T> MeasureAsync<T>(string label, Func<Task<T>> call)
    {
        var previous = Activity.Current;
        Activity.Current = null; // a root of its own, whatever ran before
        var root = Bench.StartActivity(label, ActivityKind.Internal)!;
        try
        {
            return await call();
        }
        finally
        {
            root.Stop();
            Activity.Current = previous;
            Collect(label, root);
        }
    }

    private void Collect(string label, Activity root)
    {
        // The server's spans end before its answer is read, the bench's root last: all are queued by now.
        var spans = new List<Span>();
        var others = new List<Activity>();
        while (_stopped.TryDequeue(out var activity))
        {
            if (activity.TraceId == root.TraceId) spans.Add(new Span(NameOf(activity), activity.StartTimeUtc - root.StartTimeUtc, activity.Duration));
            else if (DateTime.UtcNow - activity.StartTimeUtc < TimeSpan.FromSeconds(5)) others.Add(activity);
        }
        foreach (var other in others) _stopped.Enqueue(other); // a span of a call still running (rare: one call at a time)
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        if (!_rounds.TryGetValue(label, out var rounds)) _rounds[label] = rounds = [];
        rounds.Add(spans);
    }

    /// <summary>Per label: the mean length of each kind of span over the rounds, and the round of median length in full.</summary>
    public void Report(TextWriter output)
    {
        foreach (var (label, rounds) in _rounds)
        {
            output.WriteLine($"-- {label}: {rounds.Count} rounds; mean per round (count, ms):");
            foreach (var group in rounds.SelectMany(r => r).GroupBy(s => s.Name).OrderBy(g => g.Min(s => s.Start)))
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"   {group.Count() / (double)rounds.Count,5:F2} x {group.Sum(s => s.Length.TotalMilliseconds) / rounds.Count,8:F2} ms  {group.Key}"));
            var median = rounds.OrderBy(r => r.Count == 0 ? TimeSpan.Zero : r[0].Length).ElementAt(rounds.Count / 2);
            output.WriteLine("   the median round (start ms, length ms):");
            foreach (var span in median)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"   {span.Start.TotalMilliseconds,8:F2} {span.Length.TotalMilliseconds,8:F2}  {span.Name}"));
        }
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>An HTTP span by method and path (ids replaced by {id}), the others by their own name.</summary>
    private static string NameOf(Activity activity)
    {
        if (activity.Source.Name == "System.Net.Http" && activity.GetTagItem("url.full") is string url)
            return $"{activity.Source.Name}: {activity.GetTagItem("http.request.method")} {WithoutIds(new Uri(url))}";
        if (activity.Source.Name == "Microsoft.AspNetCore")
            return $"gateway request {activity.GetTagItem("http.request.method")} {activity.GetTagItem("http.route") ?? ""}".TrimEnd();
        return $"{activity.Source.Name}: {activity.DisplayName}";
    }

    private static string WithoutIds(Uri uri) =>
        $"{uri.Port} " + string.Join('/', uri.AbsolutePath.Split('/').Select(s => s.Length >= 32 || Guid.TryParse(s, out _) ? "{id}" : s));

    private sealed record Span(string Name, TimeSpan Start, TimeSpan Length);
}
