using System.Text;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;
using Occi.Rendering.Text;
using Occi.Rendering.Text.Grammar;
using Occi.Rendering.Text.Scan;
using static Occi.Rendering.Tests.Text.TextTestSupport;

namespace Occi.Rendering.Tests.Text;

/// <summary>
/// The text renderings' fast path (Text/Scan) reads what the grammar reads or declines: it agrees with the
/// grammar on the seeded random and mutated inputs of <see cref="TotalityTests"/> and on every fixture; it
/// accepts the messages clients and this server actually send; it declines what it leaves to the grammar;
/// and no input makes it throw.
/// </summary>
public sealed class FastPathTests
{
    [Test]
    public void Fast_path_agrees_with_the_grammar_on_random_bodies()
    {
        foreach (var (what, bytes) in TotalityTests.RandomBodies())
        {
            FastPathAgreement.Check(ParseInput.FromBody(bytes), readsHeaders: false, what);
            FastPathAgreement.Check(ParseInput.FromBody(bytes), readsHeaders: true, what + " (text/occi body)");
        }
    }

    [Test]
    public void Fast_path_agrees_with_the_grammar_on_random_header_values()
    {
        foreach (var (name, value) in TotalityTests.RandomHeaders())
            FastPathAgreement.Check(ParseInput.FromHeaders([new(name, value)]), readsHeaders: true, $"{name}: {value}");
    }

    [Test]
    public void Fast_path_agrees_with_the_grammar_on_mutated_bodies()
    {
        var accepted = 0;
        foreach (var (what, bytes) in TotalityTests.MutatedBodies())
            if (FastPathAgreement.Check(ParseInput.FromBody(bytes), readsHeaders: false, what)) accepted++;
        Assert.That(accepted, Is.GreaterThan(100), "some mutations stay well-formed: the comparison must have run on them");
    }

    [Test]
    public void Fast_path_agrees_with_the_grammar_on_mutated_header_values()
    {
        var accepted = 0;
        foreach (var (name, value) in TotalityTests.MutatedHeaders())
            if (FastPathAgreement.Check(ParseInput.FromHeaders([new(name, value)]), readsHeaders: true, $"{name}: {value}")) accepted++;
        Assert.That(accepted, Is.GreaterThan(100), "some mutations stay well-formed: the comparison must have run on them");
    }

    [Test]
    public void Fast_path_agrees_with_the_grammar_on_every_text_fixture()
    {
        var root = Fixtures("");
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f) is ".text" or ".expected" or ".occi" or ".txt").ToList();
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            FastPathAgreement.Check(ParseInput.FromBody(bytes), readsHeaders: false, file);
            FastPathAgreement.Check(ParseInput.FromBody(bytes), readsHeaders: true, file + " (text/occi body)");
        }
        var bodies = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "rOCCI-api-4.3.14/spec/cassettes"), "*.yml", SearchOption.AllDirectories))
            foreach (var body in FixtureTests.CassetteBodies(file))
            {
                FastPathAgreement.CheckBody(body);
                bodies++;
            }
        Assert.That(files.Count + bodies, Is.GreaterThan(100));
    }

    [Test]
    public void Fast_path_accepts_every_infrastructure_round_trip_rendering()
    {
        var entities = InfrastructureRoundTripTests.Kinds.Select(k => InfrastructureRoundTripTests.SampleEntity(k))
            .Concat(InfrastructureRoundTripTests.Mixins.Select(m =>
                InfrastructureRoundTripTests.SampleEntity(m.Applies.Count > 0 ? Model.FindKind(m.Applies[0])! : Compute.Kind, [m])));
        foreach (var e in entities)
            AssertAcceptedInBothFlavours((r, o) => r.RenderEntity(e, Context, o), $"{e.Kind.Term} with {string.Join(",", e.Mixins.Select(m => m.Term))}");
        foreach (var a in InfrastructureRoundTripTests.Actions)
        {
            var e = new Resource { Id = "x", Kind = Compute.Kind.Id, Location = "/compute/x" };
            e.Actions.Add(a.Id);
            AssertAcceptedInBothFlavours((r, o) => r.RenderEntity(e, Context, o), "action link " + a.Id);
            AssertAcceptedInBothFlavours((r, o) => r.RenderCategories([a], Context, o), "action category " + a.Id);
        }
        AssertAcceptedInBothFlavours((r, o) => r.RenderCategories(Model.Categories, Context, o), "the query interface");
        AssertAcceptedInBothFlavours((r, o) => r.RenderLocations(["/compute/a", "/compute/b"], Context, o), "locations");
        var tag = new Mixin("http://example.com/tags#", "my_stuff", "My \"stuff\"", "/my_stuff/", [Templates.OsTpl],
            attributes: [new AttributeDefinition("org.example.a", required: true), new AttributeDefinition("org.example.b", mutable: false)], isUserDefined: true);
        AssertAcceptedInBothFlavours((r, o) => r.RenderCategories([tag], Context, o), "a user mixin definition");
    }

    [Test]
    public void Fast_path_accepts_the_benchmark_compute_in_both_flavours()
    {
        // bench/Occi.Bench/SampleCompute.cs: 2 mixins (os and resource templates), 6 attributes, 2 links, 3 actions.
        var model = Occi.Bench.SampleCompute.Model();
        var compute = Occi.Bench.SampleCompute.Create();
        var context = new RenderContext(model, "http://occi.example.org:8080");

        foreach (TextRendering rendering in new TextRendering[] { PlainText, OcciText })
        {
            var (body, headers) = Render(rendering, (r, o) => r.RenderEntity(compute, context, o));
            var input = new ParseInput(Encoding.UTF8.GetBytes(body), headers);
            var message = new TextMessage();
            Assert.That(TextFastPath.TryRead(input, ModelVocabulary.Of(model), rendering is TextOcciRendering, message), Is.True, rendering.MediaType);
            Assert.That((message.Categories.Count, message.Links.Count, message.Attributes.Count), Is.EqualTo((3, 5, 7)), rendering.MediaType);
        }
    }

    [Test]
    public void Fast_path_accepts_rocci_style_requests_with_header_names_in_any_case()
    {
        const string body =
            "Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\r\n"
            + "category: ubuntu; scheme=\"http://occi.example.org/occi/infrastructure/os_tpl#\"; class=\"mixin\"\r\n"
            + "CATEGORY: small;scheme=\"http://schemas.ogf.org/occi/infrastructure#\";class=\"mixin\";\r\n"
            + "X-Occi-Attribute: occi.core.title=\"My VM\"\r\n"
            + "x-occi-attribute: occi.compute.cores=2;\r\n"
            + "X-OCCI-ATTRIBUTE: occi.compute.memory=1.5, occi.compute.hostname=\"vm-1\"\r\n"
            + "link: </storage/disk1>;rel=\"http://schemas.ogf.org/occi/infrastructure#storage\";category=\"http://schemas.ogf.org/occi/infrastructure#storagelink\"\r\n"
            + "\r\n";
        Assert.That(FastPathAgreement.CheckBody(body), Is.True);
        Assert.That(FastPathAgreement.Check(new ParseInput(Encoding.UTF8.GetBytes(body), []), readsHeaders: true, "text/plain,text/occi"), Is.True);
        Assert.That(FastPathAgreement.Check(ParseInput.FromHeaders(
            [new("category", "compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\""),
             new("X-Occi-Attribute", "occi.core.title=\"My VM\", occi.compute.cores=2"),
             new("x-occi-location", "/network/1, http://example.com/network/2"),
             new("Accept", "text/occi")]), readsHeaders: true, "rOCCI headers"), Is.True);
    }

    [Test]
    public void Fast_path_accepts_the_rocci_create_request_recorded_in_a_cassette()
    {
        var file = Path.Combine(Fixtures("rOCCI-api-4.3.14/spec/cassettes"), "Occi_Api_Client_ClientHttp/using_media_type_text/plain/creates_a_new_compute_resource.yml");
        var body = FixtureTests.CassetteBodies(file).First(b => b.StartsWith("Category: compute;", StringComparison.Ordinal) && b.Contains("X-OCCI-Attribute", StringComparison.Ordinal));
        Assert.That(FastPathAgreement.CheckBody(body), Is.True);
    }

    [TestCase("Category: compute;\n    scheme=\"http://schemas.ogf.org/occi/infrastructure#\"\n    class=\"kind\"\n", TestName = "Fast_path_declines_folded_continuation_lines")]
    [TestCase("  Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"\n", TestName = "Fast_path_declines_an_indented_structure")]
    [TestCase("X-OCCI-Attribute: a=1\\nX-OCCI-Attribute: b=2\n", TestName = "Fast_path_declines_rocci_literal_backslash_n_between_structures")]
    [TestCase("Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; foo=\"bar\"\n", TestName = "Fast_path_declines_a_category_parameter_the_grammar_ignores")]
    [TestCase("X-OCCI-Attribute: a=\"\\uZZZZ\"\n", TestName = "Fast_path_declines_a_u_escape_without_four_hex_digits")]
    [TestCase("Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure\"\n", TestName = "Fast_path_declines_a_scheme_not_ending_in_hash")]
    [TestCase("Category: compute; scheme=\"a#\"; scheme=\"b#\"\n", TestName = "Fast_path_declines_a_parameter_given_twice")]
    [TestCase("X-OCCI-Attribute: a=\"unterminated\n", TestName = "Fast_path_declines_an_unterminated_quoted_string")]
    [TestCase("Server: nginx\n", TestName = "Fast_path_declines_a_line_that_is_no_rendering_structure")]
    public void Fast_path_declines(string body) => Assert.That(FastPathAgreement.CheckBody(body), Is.False);

    [Test]
    public void Message_declined_half_way_is_read_again_from_scratch()
    {
        // Two structures the fast path reads, then a folded line it leaves to the grammar.
        const string body = "Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\n"
            + "X-OCCI-Attribute: occi.compute.cores=2\n"
            + "X-OCCI-Attribute: occi.core.title=\n  \"folded\"\n";
        Assert.That(FastPathAgreement.CheckBody(body), Is.False);
        var request = ParsePlain(body);
        Assert.That(request.Categories, Is.EqualTo(new[] { Compute.Kind.Id }));
        Assert.That(request.Attributes.Select(a => a.Key), Is.EqualTo(new[] { "occi.compute.cores", "occi.core.title" }));
        Assert.That(request.Attributes["occi.core.title"].AsString, Is.EqualTo("folded"));
    }

    [Test]
    public void Fast_path_declines_invalid_utf8()
    {
        byte[] body = [.. "X-OCCI-Attribute: a=\""u8, 0xFF, (byte)'"'];
        Assert.That(FastPathAgreement.Check(ParseInput.FromBody(body), readsHeaders: false, "a 0xFF byte"), Is.False);
    }

    [Test]
    public void Fast_path_never_throws_on_random_text()
    {
        const string alphabet = "\"\\;,=<>{}#:?/ \t\r\n\u0000\u007f\u00e9.-_aZ09eE+ukrC";
        string[] prefixes = ["Category: ", "Link: <", "X-OCCI-Attribute: a=", "X-OCCI-Location: ", "Category: c; scheme=\"s#\"; attributes=\"", "Link: </x>; rel=\""];
        var random = new Random(20261130);
        var vocabulary = ModelVocabulary.Of(Model);
        for (var i = 0; i < 20000; i++)
        {
            var text = prefixes[random.Next(prefixes.Length)] + new string(Enumerable.Range(0, random.Next(0, 60)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            Assert.DoesNotThrow(() => TextFastPath.TryReadBody(Encoding.UTF8.GetBytes(text), vocabulary, new TextMessage()), text);
            var colon = text.IndexOf(':');
            Assert.DoesNotThrow(() => TextFastPath.TryReadHeaders([new(text[..colon], text[(colon + 1)..])], vocabulary, new TextMessage()), text);
        }
    }

    private static void AssertAcceptedInBothFlavours(Action<TextRendering, RenderOutput> render, string what)
    {
        var (body, _) = Render(PlainText, render);
        Assert.That(FastPathAgreement.CheckBody(body), Is.True, "text/plain: " + what);
        var (ok, headers) = Render(OcciText, render);
        Assert.That(FastPathAgreement.Check(new ParseInput(Encoding.UTF8.GetBytes(ok), headers), readsHeaders: true, "text/occi: " + what), Is.True, "text/occi: " + what);
    }
}
