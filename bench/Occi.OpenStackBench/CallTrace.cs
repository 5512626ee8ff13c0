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

    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly Dictionary<string, List<List<Span>>> _rounds = [];
    private readonly Dictionary<string, List<(DateTime Start, DateTime End)>> _windows = [];

    // OpenStack calls of other traces (the change follower's sweeps, the model refresh): each round is told apart by
    // whether one of them was in flight beside it, on a cloud whose API answers one request at a time.
    private readonly List<(DateTime Start, DateTime End, string Name)> _background = [];

    private readonly ActivityListener _listener;
    private readonly int _gatewayPort;

    /// <param name="gatewayPort">The gateway's port: the bench's requests to it are not calls to OpenStack.</param>
    public CallTrace(int gatewayPort)
    {
        _gatewayPort = gatewayPort;
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
            if (activity.TraceId == root.TraceId) spans.Add(new Span(NameOf(activity), activity.StartTimeUtc - root.StartTimeUtc, activity.Duration, RoleOf(activity)));
            else if (RoleOf(activity) == SpanRole.OpenStack) _background.Add((activity.StartTimeUtc, activity.StartTimeUtc + activity.Duration, NameOf(activity)));
            else if (DateTime.UtcNow - activity.StartTimeUtc < TimeSpan.FromSeconds(5)) others.Add(activity);
        }
        foreach (var other in others) _stopped.Enqueue(other); // a span of a call still running (rare: one call at a time)
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        if (!_rounds.TryGetValue(label, out var rounds)) _rounds[label] = rounds = [];
        rounds.Add(spans);
        if (!_windows.TryGetValue(label, out var windows)) _windows[label] = windows = [];
        windows.Add((root.StartTimeUtc, root.StartTimeUtc + root.Duration));
    }

    /// <summary>
    /// Per label: what the round spent besides its calls to OpenStack, the mean length of each kind of span over the
    /// rounds, and the round of median length in full.
    /// </summary>
    public void Report(TextWriter output)
    {
        while (_stopped.TryDequeue(out var late)) // background calls that ended after the last round
            if (RoleOf(late) == SpanRole.OpenStack) _background.Add((late.StartTimeUtc, late.StartTimeUtc + late.Duration, NameOf(late)));
        foreach (var (label, rounds) in _rounds)
        {
            output.WriteLine($"-- {label}: {rounds.Count} rounds; {Overhead(rounds)}");
            output.WriteLine($"   {Beside(rounds, _windows[label])}");
            output.WriteLine("   mean per round (count, ms):");
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

    /// <summary>
    /// The round's length less the time its OpenStack calls were in flight (their union: a delete's server and keypair
    /// calls overlap), split at the gateway's request: before it (the bench's client), in it (the gateway's own work:
    /// gates, store, intent, pipeline), after it (the answer reaching the bench). A side that calls Nova directly has
    /// no gateway request: all of it is its client's. Mean and median over the rounds, in ms.
    /// </summary>
    private static string Overhead(List<List<Span>> rounds)
    {
        var measured = rounds.Where(r => r.Count > 0).Select(r =>
        {
            var root = r[0];
            var cloud = Union(r.Where(s => s.Role == SpanRole.OpenStack)).TotalMilliseconds;
            var gateway = r.FirstOrDefault(s => s.Role == SpanRole.GatewayRequest);
            var before = gateway is null ? 0 : gateway.Start.TotalMilliseconds - root.Start.TotalMilliseconds;
            var after = gateway is null ? 0 : (root.Start + root.Length - gateway.Start - gateway.Length).TotalMilliseconds;
            var total = root.Length.TotalMilliseconds - cloud;
            return (Total: total, Before: before, In: total - before - after, After: after);
        }).ToList();
        if (measured.Count == 0) return "no spans";
        string Both(Func<(double Total, double Before, double In, double After), double> part) =>
            string.Create(CultureInfo.InvariantCulture, $"{measured.Average(part):F2}/{MedianOf(measured.Select(part)):F2}");
        return $"besides OpenStack's calls (mean/median ms): {Both(m => m.Total)} = before the gateway's request {Both(m => m.Before)}"
            + $" + in it {Both(m => m.In)} + after it {Both(m => m.After)}";
    }

    /// <summary>
    /// The gateway's rounds, all of them, against the direct side's rounds that met none of the gateway's background
    /// calls: without a gateway beside it Nova would meet none, while the gateway's own rounds pay for whatever of its
    /// background calls they meet. Mean and median of each and their ratios; call after <see cref="Report"/>.
    /// </summary>
    public string AgainstNovaAlone(string gatewayLabel, string novaLabel)
    {
        if (!_rounds.TryGetValue(gatewayLabel, out var gatewayRounds) || !_rounds.TryGetValue(novaLabel, out var novaRounds)) return $"{gatewayLabel}: no rounds";
        var gateway = gatewayRounds.Where(r => r.Count > 0).Select(r => r[0].Length.TotalMilliseconds).ToList();
        var alone = Met(novaRounds, _windows[novaLabel])[false].ToList();
        if (gateway.Count == 0 || alone.Count == 0) return $"{gatewayLabel}: no rounds to compare";
        return string.Create(CultureInfo.InvariantCulture,
            $"{gatewayLabel}, all {gateway.Count} rounds: {gateway.Average():F1} ms (median {MedianOf(gateway):F1}); {novaLabel}, the {alone.Count} that met no background call: "
            + $"{alone.Average():F1} ms (median {MedianOf(alone):F1}) ({gateway.Average() / alone.Average():F2}x, medians {MedianOf(gateway) / MedianOf(alone):F2}x)");
    }

    /// <summary>Each round's length, by whether it met a background OpenStack call of the gateway.</summary>
    private ILookup<bool, double> Met(List<List<Span>> rounds, List<(DateTime Start, DateTime End)> windows) =>
        rounds.Select((r, i) => (Length: r.Count == 0 ? 0 : r[0].Length.TotalMilliseconds,
            Met: _background.Any(b => Overlaps(b, windows[i])))).ToLookup(r => r.Met, r => r.Length);

    private static bool Overlaps((DateTime Start, DateTime End, string Name) call, (DateTime Start, DateTime End) window) =>
        call.Start < window.End && call.End > window.Start;

    /// <summary>The rounds that met a background OpenStack call and those that did not: how many, their mean length.</summary>
    private string Beside(List<List<Span>> rounds, List<(DateTime Start, DateTime End)> windows)
    {
        var met = Met(rounds, windows);
        var which = string.Join(", ", windows.SelectMany((_, i) => _background.Where(b => Overlaps(b, windows[i])).Select(b => b.Name))
            .GroupBy(n => n).Select(g => $"{g.Count()} x {g.Key}"));
        static string Mean(IEnumerable<double> lengths) =>
            lengths.Any() ? string.Create(CultureInfo.InvariantCulture, $"{lengths.Average():F1} ms") : "-";
        return $"beside a background OpenStack call (a change sweep): {met[true].Count()} rounds, mean {Mean(met[true])}; "
            + $"alone: {met[false].Count()}, mean {Mean(met[false])}" + (which.Length > 0 ? $"; met: {which}" : "");
    }

    private static TimeSpan Union(IEnumerable<Span> spans)
    {
        var (total, end) = (TimeSpan.Zero, TimeSpan.MinValue);
        foreach (var s in spans.OrderBy(s => s.Start))
        {
            var start = s.Start > end ? s.Start : end;
            var stop = s.Start + s.Length;
            if (stop > start) total += stop - start;
            if (stop > end) end = stop;
        }
        return total;
    }

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>An HTTP request to OpenStack is any HTTP span but the bench's own requests to the gateway.</summary>
    private SpanRole RoleOf(Activity activity) => activity.Source.Name switch
    {
        "Microsoft.AspNetCore" => SpanRole.GatewayRequest,
        "System.Net.Http" when activity.GetTagItem("url.full") is string url && new Uri(url).Port != _gatewayPort => SpanRole.OpenStack,
        _ => SpanRole.Other,
    };

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

    private sealed record Span(string Name, TimeSpan Start, TimeSpan Length, SpanRole Role = SpanRole.Other);

    private enum SpanRole { Other, GatewayRequest, OpenStack }
}
