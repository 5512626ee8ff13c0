using System.Text;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using static Occi.Rendering.Tests.Text.TextTestSupport;

namespace Occi.Rendering.Tests.Text;

/// <summary>
/// The text parsers are total: whatever bytes or header values arrive, the result is an OcciRequest or an
/// OcciParseException that says where, never another exception. A seeded generator (reproducible) feeds
/// random bytes and mutations of valid renderings to both parsers.
/// </summary>
public sealed class TotalityTests
{
    private const int Seed = 20261123;
    private static readonly string[] Structures = ["Category", "Link", "X-OCCI-Attribute", "X-OCCI-Location", "x-occi-attribute", "Other"];
    private const string Tricky = "\"\\;,=<>{}#:?/ \t\r\n\u0000\u007f\u00e9\uD800.-_aZ09";

    private static readonly string[] Corpus = BuildCorpus();

    private static string[] BuildCorpus()
    {
        var c = new Resource { Id = "c1", Kind = Compute.Kind.Id, Location = "/compute/c1" };
        c.Attributes["occi.compute.hostname"] = "a \"b\", c; d";
        c.Attributes["occi.compute.cores"] = 2;
        c.Attributes["occi.compute.speed"] = 1.5;
        c.Attributes["x.flag"] = true;
        c.Actions.Add(Compute.Start.Id);
        c.Links.Add(new Link { Id = "l", Kind = NetworkInterface.Kind.Id, Location = "/networkinterface/l", Target = "/network/n", TargetKind = Network.Kind.Id });
        return
        [
            Render(PlainText, (r, o) => r.RenderEntity(c, Context, o)).Body,
            Render(PlainText, (r, o) => r.RenderCategories(Model.Categories, Context, o)).Body,
            Render(PlainText, (r, o) => r.RenderLocations(["/a", "/b"], Context, o)).Body,
            "Category: compute;\n    scheme=\"http://schemas.ogf.org/occi/infrastructure#\"\n    class=\"kind\";\nX-OCCI-Attribute: a=1, b=\"x,y\"\n",
            "Category: a;scheme=\"http://s#\";class=\"kind\"\\nCategory: b;scheme=\"http://s#\";class=\"mixin\";location=\"/b/\";attributes=\"x{required immutable}\"",
        ];
    }

    private static void AssertTotal(Func<OcciRequest> parse, string what)
    {
        try
        {
            parse();
        }
        catch (OcciParseException e)
        {
            Assert.That(e.InnerException, Is.Null, $"the last-resort guard caught {e.InnerException?.GetType().Name} for {what}: {e.Message}");
            Assert.That(e.Where, Is.Not.Null, what);
        }
        catch (Exception e)
        {
            Assert.Fail($"{e.GetType().Name} escaped for {what}: {e.Message}");
        }
    }

    private static string Mutate(Random random, string text)
    {
        var s = new StringBuilder(text);
        var edits = random.Next(1, 6);
        for (var i = 0; i < edits; i++)
        {
            var at = s.Length == 0 ? 0 : random.Next(s.Length);
            switch (random.Next(6))
            {
                case 0 when s.Length > 0: s.Remove(at, Math.Min(s.Length - at, random.Next(1, 8))); break;
                case 1: s.Insert(at, Tricky[random.Next(Tricky.Length)]); break;
                case 2: s.Insert(at, (char)random.Next(0, 0x3000)); break;
                case 3 when s.Length > 0: s.Insert(at, s.ToString(at, Math.Min(s.Length - at, random.Next(1, 40)))); break;
                case 4 when s.Length > 0: s.Length = at; break;
                default: if (s.Length > 0) s[at] = Tricky[random.Next(Tricky.Length)]; break;
            }
        }
        return s.ToString();
    }

    /// <summary>The seeded random bodies: (what, bytes).</summary>
    internal static IEnumerable<(string What, byte[] Bytes)> RandomBodies()
    {
        var random = new Random(Seed);
        for (var i = 0; i < 1500; i++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            yield return ($"random bytes #{i}", bytes);
        }
    }

    /// <summary>The seeded random header values, each under one of the structure names (and others).</summary>
    internal static IEnumerable<(string Name, string Value)> RandomHeaders()
    {
        var random = new Random(Seed + 1);
        for (var i = 0; i < 1500; i++)
        {
            var value = new string(Enumerable.Range(0, random.Next(0, 120)).Select(_ => random.Next(3) == 0 ? (char)random.Next(0, 0xFFFF) : Tricky[random.Next(Tricky.Length)]).ToArray());
            yield return (Structures[random.Next(Structures.Length)], value);
        }
    }

    /// <summary>The seeded mutations of valid bodies: (what, bytes), a quarter Latin-1 encoded.</summary>
    internal static IEnumerable<(string What, byte[] Bytes)> MutatedBodies()
    {
        var random = new Random(Seed + 2);
        for (var i = 0; i < 3000; i++)
        {
            var text = Mutate(random, Corpus[random.Next(Corpus.Length)]);
            var bytes = random.Next(4) == 0 ? Encoding.Latin1.GetBytes(text) : Encoding.UTF8.GetBytes(text);
            yield return ($"mutation #{i}: {text}", bytes);
        }
    }

    /// <summary>The seeded mutations of valid header values.</summary>
    internal static IEnumerable<(string Name, string Value)> MutatedHeaders()
    {
        var random = new Random(Seed + 3);
        var values = Corpus.SelectMany(body => body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Select(line => line.Split(':', 2)).Where(p => p.Length == 2).Select(p => (Name: p[0], Value: p[1])).ToArray();
        for (var i = 0; i < 3000; i++)
        {
            var (name, value) = values[random.Next(values.Length)];
            yield return (name, Mutate(random, value));
        }
    }

    /// <summary>The valid bodies the mutations start from.</summary>
    internal static IReadOnlyList<string> ValidBodies => Corpus;

    [Test]
    public void Random_bytes_never_escape_as_anything_but_a_parse_exception()
    {
        foreach (var (what, bytes) in RandomBodies())
        {
            AssertTotal(() => PlainText.Parse(ParseInput.FromBody(bytes), Model), what);
            AssertTotal(() => OcciText.Parse(ParseInput.FromBody(bytes), Model), what + " (text/occi body)");
        }
    }

    [Test]
    public void Random_header_values_never_escape_as_anything_but_a_parse_exception()
    {
        foreach (var (name, value) in RandomHeaders())
            AssertTotal(() => OcciText.Parse(ParseInput.FromHeaders([new(name, value)]), Model), $"header {name}: {value}");
    }

    [Test]
    public void Mutated_valid_bodies_never_escape_as_anything_but_a_parse_exception()
    {
        foreach (var (what, bytes) in MutatedBodies())
            AssertTotal(() => PlainText.Parse(ParseInput.FromBody(bytes), Model), what);
    }

    [Test]
    public void Mutated_valid_header_values_never_escape_as_anything_but_a_parse_exception()
    {
        var i = 0;
        foreach (var (name, mutated) in MutatedHeaders())
            AssertTotal(() => OcciText.Parse(ParseInput.FromHeaders([new(name, mutated)]), Model), $"mutation #{i++}: {name}: {mutated}");
    }

    [Test]
    public void Default_parse_input_is_an_empty_request()
    {
        Assert.That(PlainText.Parse(default, Model).IsEmpty, Is.True);
        Assert.That(OcciText.Parse(default, Model).IsEmpty, Is.True);
    }

    [Test]
    public void Huge_quoted_value_parses()
    {
        var value = new string('x', 200_000);
        Assert.That(ParsePlain($"X-OCCI-Attribute: a=\"{value}\"").Attributes["a"].AsString, Has.Length.EqualTo(200_000));
    }

    [Test]
    public void Huge_unterminated_quote_is_a_parse_error() =>
        Assert.That(PlainError("X-OCCI-Attribute: a=\"" + new string('x', 200_000)).Column, Is.EqualTo(200_022));

    [Test]
    public void Many_lines_parse()
    {
        var body = string.Concat(Enumerable.Range(0, 5000).Select(i => $"X-OCCI-Location: /compute/{i}\n"));
        Assert.That(ParsePlain(body).Locations, Has.Count.EqualTo(5000));
    }

    [Test]
    public void Null_header_name_and_value_are_tolerated() =>
        AssertTotal(() => OcciText.Parse(ParseInput.FromHeaders([new(null!, null!), new("Category", null!)]), Model), "null header");
}
