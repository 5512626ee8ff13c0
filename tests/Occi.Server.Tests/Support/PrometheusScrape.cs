using System.Globalization;

namespace Occi.Server.Tests.Support;

/// <summary>
/// The samples of one GET /metrics answer (Prometheus text exposition): each line "name{label="value",…} number".
/// A test asks for a metric's value by name and the labels it cares about; other labels (the scope's) are ignored.
/// </summary>
public sealed class PrometheusScrape
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    public PrometheusScrape(string text)
    {
        Text = text;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            var brace = line.IndexOf('{');
            string name;
            string rest;
            if (brace >= 0)
            {
                var close = line.LastIndexOf('}');
                name = line[..brace];
                foreach (var pair in SplitLabels(line[(brace + 1)..close]))
                {
                    var eq = pair.IndexOf('=');
                    labels[pair[..eq]] = pair[(eq + 1)..].Trim('"');
                }
                rest = line[(close + 1)..].Trim();
            }
            else
            {
                var space = line.IndexOf(' ');
                name = line[..space];
                rest = line[(space + 1)..].Trim();
            }
            var number = rest.Split(' ')[0];
            _samples.Add((name, labels, number switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                _ => double.Parse(number, CultureInfo.InvariantCulture),
            }));
        }
    }

    public string Text { get; }

    /// <summary>The sum of the samples named so whose labels include all of <paramref name="labels"/>.</summary>
    public double Sum(string name, params (string Label, string Value)[] labels) =>
        Matching(name, labels).Sum(s => s.Value);

    public bool Has(string name, params (string Label, string Value)[] labels) => Matching(name, labels).Any();

    /// <summary>
    /// Backend calls that succeeded, whichever way they were recorded: timed, or counted as answered at once (an
    /// in-memory call may be either, by how long it took). The labels: occi_backend, occi_backend_operation.
    /// </summary>
    public double BackendCallsOk(params (string Label, string Value)[] labels) =>
        Sum("occi_backend_call_duration_seconds_count", [.. labels, ("outcome", "ok")]) + Sum("occi_backend_call_immediate_total", labels);

    /// <summary>As <see cref="BackendCallsOk"/>, for the entity store (occi_store_operation).</summary>
    public double StoreCallsOk(params (string Label, string Value)[] labels) =>
        Sum("occi_store_operation_duration_seconds_count", [.. labels, ("outcome", "ok")]) + Sum("occi_store_operation_immediate_total", labels);

    private IEnumerable<(string Name, Dictionary<string, string> Labels, double Value)> Matching(string name, (string Label, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value));

    /// <summary>Label pairs split on the commas outside quotes (values are ours: no escaped quotes in them).</summary>
    private static IEnumerable<string> SplitLabels(string inner)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '"') quoted = !quoted;
            else if (inner[i] == ',' && !quoted)
            {
                if (i > start) yield return inner[start..i];
                start = i + 1;
            }
        }
        if (start < inner.Length) yield return inner[start..];
    }

    public static async Task<PrometheusScrape> GetAsync(HttpClient client)
    {
        var r = await client.GetAsync("/metrics");
        var text = await r.Content.ReadAsStringAsync();
        Assert.That((int)r.StatusCode, Is.EqualTo(200), text);
        return new PrometheusScrape(text);
    }
}
