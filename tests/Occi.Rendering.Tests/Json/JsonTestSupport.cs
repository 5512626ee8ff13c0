using System.Buffers;
using System.Globalization;
using System.Text;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Infrastructure;
using Occi.Rendering.Json;

namespace Occi.Rendering.Tests.Json;

/// <summary>The model, a render context, render/parse shortcuts and fixture paths for the JSON tests.</summary>
internal static class JsonTestSupport
{
    public const string BaseUrl = "http://example.org:8080";

    public static readonly CategorySnapshot Model = new CategoryRegistry(InfrastructureModel.All).Current;
    public static readonly RenderContext Context = new(Model, BaseUrl);
    public static readonly JsonRendering Rendering = new();

    public static string Render(Action<IOcciRendering, RenderOutput> render)
    {
        var buffer = new ArrayBufferWriter<byte>();
        render(Rendering, new RenderOutput(buffer));
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string RenderEntity(Entity e) => Render((r, o) => r.RenderEntity(e, Context, o));

    public static string RenderCollection(params Entity[] entities) => Render((r, o) => r.RenderCollection(entities, Context, o));

    public static OcciRequest Parse(string json) => Rendering.Parse(ParseInput.FromBody(Encoding.UTF8.GetBytes(json)), Model);

    public static OcciRequest Parse(byte[] json) => Rendering.Parse(ParseInput.FromBody(json), Model);

    /// <summary>&lt;repo&gt;/../shared/fixtures, or Assert.Ignore when the folder is absent.</summary>
    public static string Fixtures(params string[] parts)
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OcciGateway.sln"))) dir = dir.Parent;
        var root = dir is null ? null : Path.Combine(dir.FullName, "..", "shared", "fixtures");
        if (root is null || !Directory.Exists(root)) Assert.Ignore("../shared/fixtures is absent: fixture tests need it");
        return Path.GetFullPath(Path.Combine([root!, .. parts]));
    }

    public static string[] FixtureFiles(string folder, string pattern)
    {
        var path = Fixtures(folder);
        if (!Directory.Exists(path)) Assert.Ignore($"{path} is absent");
        return Directory.GetFiles(path, pattern).OrderBy(f => f, StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// A canonical text of an entity's meaning, value kinds included, locations made absolute, so
    /// "render then parse gives the same entity" is one string comparison with a readable diff.
    /// </summary>
    public static string Describe(Entity e)
    {
        var sb = new StringBuilder();
        Describe(e, sb, "");
        return sb.ToString();
    }

    private static void Describe(Entity e, StringBuilder sb, string indent)
    {
        sb.Append(indent).Append(e is Link ? "link " : "resource ").Append(e.Kind.Scheme is null ? "-" : e.Kind.Identity).Append('\n');
        sb.Append(indent).Append("  id ").Append(e.Id).Append('\n');
        sb.Append(indent).Append("  location ").Append(e.Location is null ? "-" : Context.Absolute(e.Location)).Append('\n');
        foreach (var m in e.Mixins) sb.Append(indent).Append("  mixin ").Append(m.Identity).Append('\n');
        foreach (var a in e.Actions) sb.Append(indent).Append("  action ").Append(a.Identity).Append('\n');
        foreach (var (name, value) in e.Attributes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            sb.Append(indent).Append("  attribute ").Append(name).Append(" = ").Append(Describe(value)).Append('\n');
        if (e is Link l)
        {
            sb.Append(indent).Append("  source ").Append(Context.Absolute(l.Source)).Append(' ').Append(l.SourceKind?.Identity ?? "-").Append('\n');
            sb.Append(indent).Append("  target ").Append(Context.Absolute(l.Target)).Append(' ').Append(l.TargetKind?.Identity ?? "-").Append('\n');
        }
        if (e is Resource r)
            foreach (var link in r.Links) Describe(link, sb, indent + "  ");
    }

    public static string Describe(AttributeValue v) => v.Kind switch
    {
        AttributeValueKind.String => "string \"" + v.AsString + "\"",
        AttributeValueKind.Integer => "integer " + v.AsInteger.ToString(CultureInfo.InvariantCulture),
        AttributeValueKind.Number => "number " + v.AsNumber.ToString("R", CultureInfo.InvariantCulture),
        AttributeValueKind.Boolean => "boolean " + (v.AsBoolean ? "true" : "false"),
        AttributeValueKind.Array => "[" + string.Join(", ", v.AsArray.Select(Describe)) + "]",
        _ => "{" + string.Join(", ", v.AsObject.Select(kv => kv.Key + ": " + Describe(kv.Value))) + "}",
    };

    /// <summary>A value of the definition's type, different per type so a mix-up shows.</summary>
    public static AttributeValue SampleValue(AttributeDefinition d) => d.Type switch
    {
        AttributeType.Integer => AttributeValue.Integer(42),
        AttributeType.Number => AttributeValue.Number(2.5),
        AttributeType.Boolean => AttributeValue.Boolean(true),
        AttributeType.Enum => AttributeValue.String(d.EnumValues[^1]),
        AttributeType.Uri => AttributeValue.String("http://example.org/" + d.Name),
        AttributeType.Array => AttributeValue.Array([1, "two", false]),
        AttributeType.Object => AttributeValue.Object([new("a", 1.5)]),
        _ when d.Pattern is not null && d.Name.EndsWith(".mac", StringComparison.Ordinal) => AttributeValue.String("02:00:93:e4:f2:a3"),
        _ => AttributeValue.String("value of " + d.Name + " — ünïcode, \"quoted\" \\ and / + <tag>"),
    };

    /// <summary>Values of every JSON type a client may send beyond the model's own: nested arrays and objects, whole numbers as numbers.</summary>
    public static IEnumerable<KeyValuePair<string, AttributeValue>> EveryValueKind() =>
    [
        new("org.example.text", "text"),
        new("org.example.empty", ""),
        new("org.example.integer", AttributeValue.Integer(-9_007_199_254_740_993)),
        new("org.example.number", AttributeValue.Number(-0.000123)),
        new("org.example.whole", AttributeValue.Number(3.0)),
        new("org.example.large", AttributeValue.Number(1.5e300)),
        new("org.example.yes", true),
        new("org.example.no", false),
        new("org.example.list", AttributeValue.Array([1, 2.5, "x", true, AttributeValue.Array([]), AttributeValue.Object([new("k", "v")])])),
        new("org.example.map", AttributeValue.Object([new("n", 1), new("inner", AttributeValue.Object([new("deep", AttributeValue.Array(["a"]))]))])),
    ];

    /// <summary>A resource of the kind with every attribute its kind chain defines, the given mixins and their attributes, and the kind's actions.</summary>
    public static Resource SampleResource(Kind kind, string id, params Mixin[] mixins)
    {
        var r = new Resource { Kind = kind.Id, Id = id, Location = kind.Location + id };
        r.Mixins.AddRange(mixins.Select(m => m.Id));
        foreach (var d in Model.AttributesOf(kind.Id, r.Mixins))
            if (d.Name is not (Entity.IdAttribute or Link.SourceAttribute or Link.TargetAttribute or Link.SourceKindAttribute or Link.TargetKindAttribute))
                r.Attributes[d.Name] = SampleValue(d);
        r.Actions.AddRange(Model.ActionsOf(kind.Id, r.Mixins).Select(a => a.Id));
        return r;
    }

    public static Link SampleLink(Kind kind, string id, Resource source, Kind targetKind, string target, params Mixin[] mixins)
    {
        var l = new Link
        {
            Kind = kind.Id, Id = id, Location = kind.Location + id,
            Source = source.Location!, SourceKind = source.Kind, Target = target, TargetKind = targetKind.Id,
        };
        l.Mixins.AddRange(mixins.Select(m => m.Id));
        foreach (var d in Model.AttributesOf(kind.Id, l.Mixins))
            if (d.Name is not (Entity.IdAttribute or Link.SourceAttribute or Link.TargetAttribute or Link.SourceKindAttribute or Link.TargetKindAttribute))
                l.Attributes[d.Name] = SampleValue(d);
        l.Actions.AddRange(Model.ActionsOf(kind.Id, l.Mixins).Select(a => a.Id));
        return l;
    }
}
