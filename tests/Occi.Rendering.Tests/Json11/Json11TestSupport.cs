using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Occi.Rendering.Json11;
using Occi.Tests.Cassettes;
using static Occi.Rendering.Tests.Json.JsonTestSupport;

namespace Occi.Rendering.Tests.Json11;

/// <summary>Render/parse shortcuts for the OCCI 1.1-era JSON tests, and the fixture files they read.</summary>
internal static class Json11TestSupport
{
    public static readonly Json11Rendering Rendering11 = new();

    public static string Render11(Action<IOcciRendering, RenderOutput> render)
    {
        var buffer = new ArrayBufferWriter<byte>();
        render(Rendering11, new RenderOutput(buffer));
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static JsonObject Render11Node(Action<IOcciRendering, RenderOutput> render) => (JsonObject)JsonNode.Parse(Render11(render))!;

    public static OcciRequest Parse11(string json) => Rendering11.Parse(ParseInput.FromBody(Encoding.UTF8.GetBytes(json)), Model);

    public static OcciRequest Parse11(byte[] json) => Rendering11.Parse(ParseInput.FromBody(json), Model);

    /// <summary>A file under the nearest shared/fixtures, or Assert.Ignore when absent.</summary>
    public static string Fixture(string relative)
    {
        var path = Cassette.FixturePath(relative);
        if (path is null || !File.Exists(path)) Assert.Ignore($"fixture {relative} is absent");
        return path!;
    }

    public static string FixtureText(string relative) => File.ReadAllText(Fixture(relative));

    /// <summary>Every leaf of a nested attributes object under its joined name, as the test reads it (independent of the parser).</summary>
    public static Dictionary<string, JsonNode?> Leaves(JsonObject attributes, string prefix = "")
    {
        var leaves = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in attributes)
        {
            var full = prefix.Length == 0 ? name : prefix + "." + name;
            if (value is JsonObject inner) foreach (var (n, v) in Leaves(inner, full)) leaves[n] = v;
            else leaves[full] = value;
        }
        return leaves;
    }
}
