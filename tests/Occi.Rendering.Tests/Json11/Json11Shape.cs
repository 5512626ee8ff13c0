using System.Text.Json;
using System.Text.Json.Nodes;

namespace Occi.Rendering.Tests.Json11;

/// <summary>
/// Structural comparison of a rendering with a recorded OCCI 1.1 answer: the same parts, each object with
/// members the recorded ones have (and those all of them have), of the same JSON kinds, nested alike.
/// </summary>
internal static class Json11Shape
{
    private static readonly string[] DefinitionMembers = ["default", "type", "required", "mutable", "pattern", "description"];

    public static void AssertModelLike(JsonObject ours, JsonObject recorded)
    {
        Assert.That(Keys(ours), Is.EquivalentTo(Keys(recorded)), "the model's parts");
        foreach (var part in Keys(recorded))
        {
            var theirs = ((JsonArray)recorded[part]!).Cast<JsonObject>().ToList();
            var mine = ((JsonArray)ours[part]!).Cast<JsonObject>().ToList();
            var union = theirs.SelectMany(Keys).ToHashSet();
            var common = theirs.Select(Keys).Aggregate((a, b) => a.Intersect(b).ToList());
            foreach (var category in mine)
            {
                var what = $"{part}: {category["scheme"]}{category["term"]}";
                Assert.That(Keys(category), Is.SubsetOf(union), what);
                // Abstract kinds (entity, and resource/link where the model has no collection for them) have no location here.
                Assert.That(Keys(category), Is.SupersetOf(common.Where(k => k != "location" || part != "kinds" || Abstract(category))), what);
                foreach (var (member, value) in category)
                {
                    var kinds = theirs.Where(t => t[member] is not null).Select(t => t[member]!.GetValueKind()).Distinct();
                    Assert.That(kinds, Does.Contain(value!.GetValueKind()), $"{what}: '{member}'");
                }
                if (category["location"] is { } location) Assert.That(location.GetValue<string>(), Does.StartWith("/"), $"{what}: a path");
                AssertDefinitions((JsonObject)category["attributes"]!, what);
            }
            // What rOCCI found in the standard's categories, it finds here alike.
            foreach (var standard in theirs.Where(t => IsGfd184(t["scheme"]!.GetValue<string>())))
            {
                var same = mine.SingleOrDefault(m => Same(m, standard, "scheme") && Same(m, standard, "term"));
                var what = $"{part}: {standard["scheme"]}{standard["term"]}";
                Assert.That(same, Is.Not.Null, what + " is rendered");
                foreach (var member in new[] { "location", "parent", "related" })
                    if (standard[member] is not null && (member != "location" || same![member] is not null)) Assert.That(JsonNode.DeepEquals(same![member], standard[member]), Is.True, $"{what}: '{member}' {same[member]?.ToJsonString()} vs {standard[member]!.ToJsonString()}");
                Assert.That(DefinitionNames((JsonObject)same!["attributes"]!), Is.SupersetOf(DefinitionNames((JsonObject)standard["attributes"]!)), what + ": attribute names");
            }
        }
    }

    public static void AssertCollectionLike(JsonObject ours, JsonObject recorded)
    {
        Assert.That(Keys(ours), Is.EquivalentTo(Keys(recorded)), "the collection's parts");
        foreach (var part in Keys(recorded))
        {
            var theirs = (JsonArray)recorded[part]!;
            var mine = (JsonArray)ours[part]!;
            Assert.That(mine, Has.Count.EqualTo(theirs.Count), part);
            for (var i = 0; i < theirs.Count; i++)
            {
                var (m, t) = ((JsonObject)mine[i]!, (JsonObject)theirs[i]!);
                var what = $"{part}[{i}] {t["id"]}";
                // A resource's "links" are link locations: those are not entities to write back, the rest is.
                Assert.That(Keys(m), Is.EquivalentTo(Keys(t).Where(k => k != "links")), what);
                foreach (var member in new[] { "kind", "mixins", "id", "attributes" })
                    if (t[member] is not null)
                        Assert.That(JsonNode.DeepEquals(m[member], t[member]), Is.True, $"{what}: '{member}'\n ours {m[member]?.ToJsonString()}\n them {t[member]!.ToJsonString()}");
                if (t["actions"] is JsonArray actions)
                    Assert.That(((JsonArray)m["actions"]!).Select(a => Keys((JsonObject)a!)), Has.All.EquivalentTo(Keys((JsonObject)actions[0]!)), what);
            }
        }
    }

    /// <summary>Nested by name part down to definitions; a definition has only rOCCI-core's property names.</summary>
    private static void AssertDefinitions(JsonObject attributes, string what)
    {
        foreach (var (name, value) in attributes)
        {
            Assert.That(name, Does.Not.Contain("."), $"{what}: attribute names are nested by part");
            var node = (JsonObject)value!;
            if (node["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String)
            {
                Assert.That(Keys(node), Is.SubsetOf(DefinitionMembers), $"{what}: {name}");
                Assert.That(type.GetValue<string>(), Is.AnyOf("string", "number", "boolean", "array", "object"), $"{what}: {name}");
                Assert.That(node["pattern"]?.GetValueKind(), Is.EqualTo(JsonValueKind.String), $"{what}: {name} has a pattern, as rOCCI-server wrote");
            }
            else AssertDefinitionsNested(node, $"{what}: {name}");
        }
    }

    private static void AssertDefinitionsNested(JsonObject node, string what) => AssertDefinitions(node, what);

    /// <summary>The joined names of nested definitions: paths down to an object with a "type".</summary>
    private static IEnumerable<string> DefinitionNames(JsonObject attributes, string prefix = "")
    {
        foreach (var (name, value) in attributes)
        {
            var full = prefix.Length == 0 ? name : prefix + "." + name;
            if (value is JsonObject o && o["type"] is JsonValue) yield return full;
            else if (value is JsonObject inner) foreach (var n in DefinitionNames(inner, full)) yield return n;
        }
    }

    /// <summary>
    /// GFD.183/184's schemes. rOCCI-server added its own compute#console kind and networkinterface/storagelink
    /// actions, which are not the standard's.
    /// </summary>
    private static bool IsGfd184(string scheme) =>
        scheme is "http://schemas.ogf.org/occi/core#" or "http://schemas.ogf.org/occi/infrastructure#"
            or "http://schemas.ogf.org/occi/infrastructure/network#" or "http://schemas.ogf.org/occi/infrastructure/networkinterface#"
            or "http://schemas.ogf.org/occi/infrastructure/compute/action#" or "http://schemas.ogf.org/occi/infrastructure/storage/action#"
            or "http://schemas.ogf.org/occi/infrastructure/network/action#";

    private static bool Abstract(JsonObject kind) =>
        Occi.Rendering.Tests.Json.JsonTestSupport.Model.FindKind(new Occi.Core.Model.CategoryId(kind["scheme"]!.GetValue<string>(), kind["term"]!.GetValue<string>()))?.Location is not null;

    private static bool Same(JsonObject a, JsonObject b, string member) => JsonNode.DeepEquals(a[member], b[member]);

    private static List<string> Keys(JsonObject o) => o.Select(kv => kv.Key).ToList();
}
