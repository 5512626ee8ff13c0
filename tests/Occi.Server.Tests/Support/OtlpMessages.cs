using Google.Protobuf;

namespace Occi.Server.Tests.Support;

/// <summary>
/// The few fields of OTLP's protobuf messages the export tests read, decoded by hand with Google.Protobuf's wire
/// reader (no package serves the OpenTelemetry proto files here). Field numbers are those of opentelemetry-proto's
/// collector/trace/v1, collector/metrics/v1, trace/v1, metrics/v1 and common/v1 messages; unknown fields are skipped.
/// </summary>
public static class OtlpMessages
{
    /// <summary>A span as exported: its name and its string attributes.</summary>
    public sealed record Span(string Name, IReadOnlyDictionary<string, string> Attributes);

    /// <summary>One data point of a histogram: its string attributes and its count.</summary>
    public sealed record HistogramPoint(string Metric, IReadOnlyDictionary<string, string> Attributes, ulong Count);

    /// <summary>ExportTraceServiceRequest: resource_spans (1) → scope_spans (2) → spans (2): name (5), attributes (9).</summary>
    public static IEnumerable<Span> Spans(byte[] request) =>
        from resourceSpans in Messages(request, 1)
        from scopeSpans in Messages(resourceSpans, 2)
        from span in Messages(scopeSpans, 2)
        select new Span(Strings(span, 5).Single(), Attributes(span, 9));

    /// <summary>
    /// ExportMetricsServiceRequest: resource_metrics (1) → scope_metrics (2) → metrics (2): name (1), histogram (9)
    /// → data_points (1): count (4, fixed64), attributes (9).
    /// </summary>
    public static IEnumerable<HistogramPoint> HistogramPoints(byte[] request) =>
        DataPoints(request, 9).Select(p => new HistogramPoint(p.Metric, Attributes(p.Point, 9), Fixed64(p.Point, 4).Single()));

    /// <summary>One data point of a monotonic sum (a counter): its string attributes and its value.</summary>
    public sealed record SumPoint(string Metric, IReadOnlyDictionary<string, string> Attributes, long Value);

    /// <summary>As <see cref="HistogramPoints"/>, for sums: metrics (2) → sum (7) → data_points (1): as_int (6, sfixed64), attributes (7).</summary>
    public static IEnumerable<SumPoint> SumPoints(byte[] request) =>
        DataPoints(request, 7).Select(p => new SumPoint(p.Metric, Attributes(p.Point, 7), (long)Fixed64(p.Point, 6).Single()));

    /// <summary>Every data point of the metrics of one kind (<paramref name="dataField"/>: histogram 9, sum 7), with its metric's name (1).</summary>
    private static IEnumerable<(string Metric, byte[] Point)> DataPoints(byte[] request, int dataField) =>
        from resourceMetrics in Messages(request, 1)
        from scopeMetrics in Messages(resourceMetrics, 2)
        from metric in Messages(scopeMetrics, 2)
        let name = Strings(metric, 1).Single()
        from data in Messages(metric, dataField)
        from point in Messages(data, 1)
        select (name, point);

    /// <summary>KeyValue: key (1), value (2) as AnyValue, of which string_value (1) is read (others give "").</summary>
    private static Dictionary<string, string> Attributes(byte[] message, int field) =>
        Messages(message, field).ToDictionary(kv => Strings(kv, 1).Single(), kv => Messages(kv, 2).SelectMany(v => Strings(v, 1)).FirstOrDefault() ?? "");

    private static IEnumerable<byte[]> Messages(byte[] message, int field) => Fields(message, field).OfType<byte[]>();

    private static IEnumerable<string> Strings(byte[] message, int field) => Messages(message, field).Select(b => System.Text.Encoding.UTF8.GetString(b));

    private static IEnumerable<ulong> Fixed64(byte[] message, int field) => Fields(message, field).OfType<ulong>();

    /// <summary>Every value of one field: a length-delimited field's bytes, a fixed64's value; other wire types skipped.</summary>
    private static List<object> Fields(byte[] message, int field)
    {
        var values = new List<object>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) != field)
            {
                input.SkipLastField();
                continue;
            }
            switch (WireFormat.GetTagWireType(tag))
            {
                case WireFormat.WireType.LengthDelimited: values.Add(input.ReadBytes().ToByteArray()); break;
                case WireFormat.WireType.Fixed64: values.Add(input.ReadFixed64()); break;
                default: input.SkipLastField(); break;
            }
        }
        return values;
    }
}
