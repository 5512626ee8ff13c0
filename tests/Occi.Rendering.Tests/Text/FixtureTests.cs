using System.Text;
using System.Text.Json;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Rendering.Text.Grammar;
using Sprache;
using static Occi.Rendering.Tests.Text.TextTestSupport;

namespace Occi.Rendering.Tests.Text;

/// <summary>
/// Text renderings written by real implementations (../shared/fixtures): rOCCI-core's text samples against
/// their .expected re-renderings, erocci's parser inputs against its .json parse results, and every
/// text/plain body recorded in rOCCI-api's cassettes.
/// </summary>
public sealed class FixtureTests
{
    private const string RocciSamples = "rOCCI-core-4.3.x/spec/occi/parser/text_samples";

    private static string Rocci(string name) => File.ReadAllText(Path.Combine(Fixtures(RocciSamples), name));

    private static Dictionary<string, AttributeValue> AttributesOf(OcciRequest r) =>
        r.Attributes.ToDictionary(a => a.Key, a => a.Value);

    public static IEnumerable<string> RocciTextSamples()
    {
        // The fixture folder may be absent: the list is fixed here and each test ignores itself then.
        return
        [
            "occi_categories.text", "occi_compute_rocci_server.text", "occi_link_resource_instance.text", "occi_link_simple.text",
            "occi_link_w_attributes.text", "occi_link_w_category.text", "occi_network_rocci_server.text", // occi_model_rocci_server: below
            "occi_resource_custom_class_w_attributes.text", "occi_resource_w_attributes.text", "occi_resource_w_inline_links.text",
            "occi_resource_w_inline_links_only.text", "occi_storage_rocci_server.text",
        ];
    }

    [TestCaseSource(nameof(RocciTextSamples))]
    public void Rocci_text_sample_parses_in_text_plain(string name)
    {
        var request = ParsePlain(Rocci(name));
        Assert.That(request.IsEmpty, Is.False);
    }

    [TestCase("occi_compute_rocci_server")]
    [TestCase("occi_network_rocci_server")]
    [TestCase("occi_storage_rocci_server")]
    [TestCase("occi_link_resource_instance")]
    public void Rocci_entity_sample_means_what_rocci_re_rendered(string name)
    {
        var text = ParsePlain(Rocci(name + ".text"));
        // Categories and attributes only: rOCCI's compute .expected glues two Link structures onto one line.
        var expected = ParsePlain(string.Join('\n', Rocci(name + ".expected").Split('\n').Where(l => !l.StartsWith("Link:", StringComparison.Ordinal))));
        Assert.That(text.Categories, Is.EquivalentTo(expected.Categories));
        Assert.That(AttributesOf(text), Is.EquivalentTo(AttributesOf(expected)));
        Assert.That(text.Entities.Single().Kind, Is.EqualTo(expected.Entities.Single().Kind));
    }

    [Test]
    public void Rocci_categories_sample_means_what_rocci_re_rendered()
    {
        static List<CategoryValue> Values(string body) => body.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => CategoryGrammar.HeaderValue.End().Parse(line["Category: ".Length..]).Single()).ToList();
        var text = Values(Rocci("occi_categories.text"));
        var expected = Values(Rocci("occi_categories.expected"));
        Assert.That(text, Has.Count.EqualTo(2));
        for (var i = 0; i < text.Count; i++)
        {
            Assert.That((text[i].Id, text[i].Class, text[i].Title, text[i].Location), Is.EqualTo((expected[i].Id, expected[i].Class, expected[i].Title, expected[i].Location)));
            Assert.That(text[i].Attributes, Is.EqualTo(expected[i].Attributes));
            Assert.That(text[i].Actions, Is.EqualTo(expected[i].Actions));
            Assert.That(text[i].Rel, Is.EqualTo(expected[i].Rel));
        }
        Assert.That(text[0].Title, Is.EqualTo("aA1!§$%&/()=?`´ß+*#-_.:,;<>"));
    }

    [TestCase("occi_link_simple")]
    [TestCase("occi_link_w_attributes")]
    [TestCase("occi_link_w_category")]
    public void Rocci_link_header_sample_carries_the_link_rocci_re_rendered(string name)
    {
        var link = ((Resource)ParsePlain(Rocci(name + ".text")).Entities.Single()).Links.Single();
        var expected = ParsePlain(Rocci(name + ".expected"));
        Assert.That(link.Kind, Is.EqualTo(expected.Entities.Single().Kind));
        Assert.That(link.Id, Is.EqualTo(expected.Entities.Single().Id));
        Assert.That(link.Attributes.ToDictionary(a => a.Key, a => a.Value), Is.EquivalentTo(expected.Entities.Single().Attributes.ToDictionary(a => a.Key, a => a.Value)));
    }

    [Test]
    public void Rocci_model_sample_is_rejected_only_at_its_malformed_scheme()
    {
        // Line 46 gives the action "down" the scheme ".../network/action#up", which does not end in '#'.
        var e = PlainError(Rocci("occi_model_rocci_server.text"));
        Assert.That((e.Where, e.Message), Is.EqualTo(("line 46", "line 46, column 85: scheme 'http://schemas.ogf.org/occi/infrastructure/network/action#up' must end in '#'")));
    }

    [Test]
    public void Rocci_model_sample_names_every_category_once_its_scheme_is_mended()
    {
        var text = Rocci("occi_model_rocci_server.text").Replace("network/action#up\";class=\"action\";title=\"Activate", "network/action#\";class=\"action\";title=\"Activate", StringComparison.Ordinal);
        var lines = text.Split('\n').Count(l => l.StartsWith("Category:", StringComparison.Ordinal));
        Assert.That(ParsePlain(text).Categories, Has.Count.EqualTo(lines));
    }

    [Test]
    public void Rocci_inline_links_sample_gives_links_and_action_links()
    {
        var e = (Resource)ParsePlain(Rocci("occi_resource_w_inline_links.text")).Entities.Single();
        Assert.That(e.Links.Select(l => l.Target), Is.EqualTo(new[] { "/network/public", "/network/admin" }));
        Assert.That(e.Links[0].Mixins.Single().Term, Is.EqualTo("ipnetworkinterface"));
        Assert.That(e.Links[0].Source, Is.EqualTo("/compute/04106bce-87eb-4f8f-a665-2f624e54ba46"));
        Assert.That(e.Actions.Select(a => a.Term), Is.EqualTo(new[] { "stop", "suspend", "restart" }));
        Assert.That(e.Id, Is.EqualTo("04106bce-87eb-4f8f-a665-2f624e54ba46"));
    }

    [Test]
    public void Rocci_custom_class_sample_gives_kind_mixins_and_their_definitions()
    {
        var r = ParsePlain(Rocci("occi_resource_custom_class_w_attributes.text"));
        Assert.That(r.Entities.Single().Kind.Term, Is.EqualTo("fogbow_request"));
        Assert.That(r.Entities.Single().Mixins, Has.Count.EqualTo(3));
        Assert.That(r.Mixins.Select(m => m.Location), Does.Contain("http://localhost:8182/fogbow_small/"));
    }

    // erocci: parser inputs and the parse result its own tests expect.
    [TestCase("compute_a", "compute_a")]
    [TestCase("compute_a_comma", null)]
    [TestCase("core_link", "core_link")]
    [TestCase("core_resource01", "core_resource")]
    [TestCase("core_resource02", "core_resource")]
    [TestCase("netif_link", "netif_link")]
    [TestCase("invoke", "invoke")]
    [TestCase("user_mixin", "user_mixin")]
    [TestCase("collection", "collection")]
    public void Erocci_parser_input_means_what_erocci_expects(string input, string? expectedJson)
    {
        var dir = Fixtures("erlang-occi/test/parsers_SUITE_data");
        var r = ParsePlain(File.ReadAllText(Path.Combine(dir, input + ".occi")));
        if (input == "compute_a_comma")
        {
            Assert.That(r.Attributes["occi.core.summary"], Is.EqualTo(AttributeValue.String("A super, virtual computer")));
            return;
        }
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, expectedJson + ".json")), new JsonDocumentOptions { AllowTrailingCommas = true });
        var root = json.RootElement;
        if (root.TryGetProperty("action", out var action))
        {
            Assert.That(r.Action!.Action.Identity, Is.EqualTo(action.GetString()));
            AssertAttributes(r.Action.Attributes, root.GetProperty("attributes"));
            return;
        }
        if (root.TryGetProperty("term", out var term))
        {
            var m = r.Mixins.Single();
            Assert.That((m.Term, m.Scheme, m.Location), Is.EqualTo((term.GetString(), root.GetProperty("scheme").GetString(), root.GetProperty("location").GetString())));
            return;
        }
        if (root.TryGetProperty("resources", out var resources))
        {
            Assert.That(r.Locations, Is.EqualTo(resources.EnumerateArray().Select(x => x.GetProperty("location").GetString())));
            return;
        }
        var e = r.Entities.Single();
        Assert.That(e.Kind.Identity, Is.EqualTo(root.GetProperty("kind").GetString()));
        Assert.That(e.Id, Is.EqualTo(root.GetProperty("id").GetString()));
        var mixins = root.TryGetProperty("mixins", out var ms) ? ms.EnumerateArray().Select(x => x.GetString()).ToArray() : [];
        Assert.That(e.Mixins.Select(x => x.Identity), Is.EqualTo(mixins));
        if (root.TryGetProperty("summary", out var summary)) Assert.That(e.Attributes["occi.core.summary"], Is.EqualTo(AttributeValue.String(summary.GetString()!)));
        if (root.TryGetProperty("attributes", out var attributes)) AssertAttributes(e.Attributes, attributes);
        if (root.TryGetProperty("source", out var source))
        {
            var link = (Link)e;
            Assert.That((link.Source, link.Target), Is.EqualTo((source.GetProperty("location").GetString(), root.GetProperty("target").GetProperty("location").GetString())));
        }
    }

    private static void AssertAttributes(AttributeBag actual, JsonElement expected)
    {
        foreach (var p in expected.EnumerateObject())
        {
            var v = actual[p.Name];
            if (p.Value.ValueKind == JsonValueKind.Number) Assert.That(v.AsNumber, Is.EqualTo(p.Value.GetDouble()), p.Name);
            else Assert.That(v, Is.EqualTo(AttributeValue.String(p.Value.GetString()!)), p.Name);
        }
    }

    [Test]
    public void Erocci_resource_link_input_gives_the_link()
    {
        var r = ParsePlain(File.ReadAllText(Path.Combine(Fixtures("erlang-occi/test/parsers_SUITE_data"), "resource_link.occi")));
        var link = ((Resource)r.Entities.Single()).Links.Single();
        Assert.That((link.Target, link.Location, link.Kind), Is.EqualTo(("http://example.org/another_resource1", "mylink1", CoreCategories.Link.Id)));
    }

    [TestCase("parsers_SUITE_data/invoke_b.occi")]
    [TestCase("parsers_SUITE_data/user_mixin_b.occi")]
    [TestCase("renderers_SUITE_data/bounded_collection.occi")]
    [TestCase("renderers_SUITE_data/categories.occi")]
    [TestCase("renderers_SUITE_data/compute_a.occi")]
    [TestCase("renderers_SUITE_data/compute_b.occi")]
    [TestCase("renderers_SUITE_data/core_resource.occi")]
    [TestCase("renderers_SUITE_data/netif.occi")]
    public void Erocci_rendering_parses(string file)
    {
        var r = ParsePlain(File.ReadAllText(Path.Combine(Fixtures("erlang-occi/test"), file)));
        Assert.That(r.IsEmpty, Is.False);
    }

    [Test]
    public void Erocci_compute_rendering_gives_its_action_links_and_typed_attributes()
    {
        var e = ParsePlain(File.ReadAllText(Path.Combine(Fixtures("erlang-occi/test"), "renderers_SUITE_data/compute_a.occi"))).Entities.Single();
        Assert.That(e.Actions.Select(a => a.Term), Is.EqualTo(new[] { "restart", "start", "stop", "suspend" }));
        Assert.That(e.Attributes["occi.compute.memory"], Is.EqualTo(AttributeValue.Number(2.5)));
        Assert.That(e.Id, Is.EqualTo("ns1/mycompute0"));
    }

    /// <summary>Bodies recorded by rOCCI-api (YAML single-quoted scalars: lines folded, '' for ').</summary>
    internal static IEnumerable<string> CassetteBodies(string file)
    {
        var yaml = File.ReadAllText(file);
        var at = 0;
        while ((at = yaml.IndexOf("string: ", at, StringComparison.Ordinal)) >= 0)
        {
            at += "string: ".Length;
            if (yaml.AsSpan(at).StartsWith("! ")) at += 2;
            if (at >= yaml.Length || yaml[at] != '\'') continue;
            var raw = new StringBuilder();
            var i = at + 1;
            for (; i < yaml.Length; i++)
            {
                if (yaml[i] == '\'' && i + 1 < yaml.Length && yaml[i + 1] == '\'') { raw.Append('\''); i++; continue; }
                if (yaml[i] == '\'') break;
                raw.Append(yaml[i]);
            }
            at = i;
            var lines = raw.ToString().Split('\n').Select((l, n) => n == 0 ? l : l.TrimStart()).ToList();
            var body = new StringBuilder();
            for (var n = 0; n < lines.Count; n++)
            {
                if (n > 0) body.Append(lines[n].Length == 0 ? "" : body.Length > 0 && body[^1] == '\n' ? "" : " ");
                body.Append(lines[n].Length == 0 ? "\n" : lines[n]);
            }
            yield return body.ToString();
        }
    }

    [Test]
    public void Every_text_plain_body_in_the_rocci_cassettes_parses()
    {
        var dir = Fixtures("rOCCI-api-4.3.14/spec/cassettes");
        var parsed = 0;
        foreach (var file in Directory.EnumerateFiles(dir, "*.yml", SearchOption.AllDirectories).Where(f => f.Contains("text", StringComparison.Ordinal)))
            foreach (var body in CassetteBodies(file))
            {
                var start = body.TrimStart();
                if (!(start.StartsWith("Category:", StringComparison.OrdinalIgnoreCase) || start.StartsWith("X-OCCI-", StringComparison.OrdinalIgnoreCase)
                      || start.StartsWith("Link:", StringComparison.OrdinalIgnoreCase)))
                    continue;
                Assert.DoesNotThrow(() => ParsePlain(body), $"{Path.GetFileName(file)}: {body[..Math.Min(body.Length, 200)]}");
                parsed++;
            }
        Assert.That(parsed, Is.GreaterThan(50));
    }

    [Test]
    public void Rocci_create_request_from_a_cassette_gives_kind_mixins_and_its_own_id()
    {
        var file = Path.Combine(Fixtures("rOCCI-api-4.3.14/spec/cassettes"), "Occi_Api_Client_ClientHttp/using_media_type_text/plain/creates_a_new_compute_resource.yml");
        var body = CassetteBodies(file).First(b => b.StartsWith("Category: compute;", StringComparison.Ordinal) && b.Contains("X-OCCI-Attribute", StringComparison.Ordinal));
        var e = ParsePlain(body).Entities.Single();
        Assert.That(e.Kind.Term, Is.EqualTo("compute"));
        Assert.That(e.Mixins.Select(m => m.Term), Is.EqualTo(new[] { "uuid_debianvm_5", "small" }));
        Assert.That(e.Id, Is.EqualTo("77e5988e-528e-4e1e-925e-1b22714463f7"));
    }
}
