using System.Text;
using YamlDotNet.RepresentationModel;

namespace Occi.Tests.Cassettes;

/// <summary>One recorded HTTP exchange of a VCR cassette: what the client sent, what the server answered.</summary>
public sealed record CassetteExchange(
    string Method, string PathAndQuery, IReadOnlyDictionary<string, string[]> RequestHeaders, byte[] RequestBody,
    int Status, IReadOnlyDictionary<string, string[]> ResponseHeaders, byte[] ResponseBody)
{
    public string? RequestHeader(string name) => RequestHeaders.TryGetValue(name, out var v) ? v[0] : null;
    public string? ResponseHeader(string name) => ResponseHeaders.TryGetValue(name, out var v) ? v[0] : null;
    public string RequestText => Encoding.UTF8.GetString(RequestBody);
    public string ResponseText => Encoding.UTF8.GetString(ResponseBody);
    public bool AcceptsJson => RequestHeader("Accept")?.Contains("application/occi+json", StringComparison.Ordinal) == true;
    public bool AnsweredJson => ResponseHeader("Content-Type")?.StartsWith("application/occi+json", StringComparison.Ordinal) == true;
    public override string ToString() => $"{Method} {PathAndQuery} → {Status}";
}

/// <summary>
/// A rOCCI-api 4.3 VCR cassette (../shared/fixtures/rOCCI-api-4.3.14/spec/cassettes): the real exchanges between
/// the rOCCI client library and a live rOCCI-server. Bodies are plain strings or base64 under "!binary".
/// </summary>
public sealed record Cassette(string Name, IReadOnlyList<CassetteExchange> Exchanges)
{
    public const string JsonFolder = "rOCCI-api-4.3.14/spec/cassettes/Occi_Api_Client_ClientHttp/using_media_type_application/occi_json";

    public override string ToString() => Name;

    /// <summary>The occi_json cassettes by name, or an empty list when the fixtures are absent.</summary>
    public static IEnumerable<string> JsonCassetteNames()
    {
        var folder = FixturePath(JsonFolder);
        return folder is null || !Directory.Exists(folder)
            ? []
            : Directory.GetFiles(folder, "*.yml").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);
    }

    /// <summary>A test case per occi_json cassette (one reported ignored when the fixtures are absent).</summary>
    public static IEnumerable<TestCaseData> JsonCases()
    {
        var any = false;
        foreach (var name in JsonCassetteNames())
        {
            any = true;
            yield return new TestCaseData(name).SetArgDisplayNames(name);
        }
        if (!any) yield return new TestCaseData("").SetArgDisplayNames("fixtures absent");
    }

    /// <summary>The cassette of that name; an empty name (no fixtures) ignores the test.</summary>
    public static Cassette LoadJson(string name)
    {
        if (name.Length == 0) Assert.Ignore("../shared/fixtures is absent");
        var folder = FixturePath(JsonFolder);
        if (folder is null || !Directory.Exists(folder)) Assert.Ignore("../shared/fixtures is absent: the cassette tests need it");
        return Load(Path.Combine(folder!, name + ".yml"));
    }

    /// <summary>
    /// A path under the nearest shared/fixtures above the tests: the repository's ../shared/fixtures, or the
    /// one beside the folder that holds a git worktree of it.
    /// </summary>
    public static string? FixturePath(string relative)
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate)) return Path.Combine(candidate, relative);
        }
        return null;
    }

    public static Cassette Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path)) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var exchanges = new List<CassetteExchange>();
        foreach (var item in ((YamlSequenceNode)root["http_interactions"]).Children.Cast<YamlMappingNode>())
        {
            var request = (YamlMappingNode)item["request"];
            var response = (YamlMappingNode)item["response"];
            var uri = new Uri(Scalar(request["uri"]));
            exchanges.Add(new CassetteExchange(
                Scalar(request["method"]).ToUpperInvariant(), uri.PathAndQuery, Headers(request), Body(request),
                int.Parse(Scalar(((YamlMappingNode)response["status"])["code"])), Headers(response), Body(response)));
        }
        return new Cassette(Path.GetFileNameWithoutExtension(path), exchanges);
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    private static Dictionary<string, string[]> Headers(YamlMappingNode message)
    {
        var headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (message.Children.TryGetValue(new YamlScalarNode("headers"), out var node) && node is YamlMappingNode map)
            foreach (var (name, values) in map.Children)
                headers[Scalar(name)] = values is YamlSequenceNode seq ? seq.Children.Select(Scalar).ToArray() : [Scalar(values)];
        return headers;
    }

    private static byte[] Body(YamlMappingNode message)
    {
        var body = (YamlMappingNode)message["body"];
        if (!body.Children.TryGetValue(new YamlScalarNode("string"), out var node)) return [];
        var scalar = (YamlScalarNode)node;
        return !scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == "!binary" ? Convert.FromBase64String(scalar.Value ?? "") : Encoding.UTF8.GetBytes(scalar.Value ?? "");
    }
}
