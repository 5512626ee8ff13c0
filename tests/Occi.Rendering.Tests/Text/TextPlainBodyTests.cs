using System.Text;
using Occi.Core.Attributes;
using static Occi.Rendering.Tests.Text.TextTestSupport;

namespace Occi.Rendering.Tests.Text;

/// <summary>text/plain framing: structures as body lines (GFD.185 §3.6.1) and the habits of real clients.</summary>
public sealed class TextPlainBodyTests
{
    private const string Compute = "Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"";

    [Test]
    public void Crlf_and_lf_lines_read_the_same()
    {
        var lf = ParsePlain(Compute + "\nX-OCCI-Attribute: occi.compute.cores=2\n");
        var crlf = ParsePlain(Compute + "\r\nX-OCCI-Attribute: occi.compute.cores=2\r\n");
        Assert.That(crlf.Attributes["occi.compute.cores"], Is.EqualTo(lf.Attributes["occi.compute.cores"]));
        Assert.That(crlf.Categories, Is.EqualTo(lf.Categories));
    }

    [Test]
    public void Blank_lines_are_ignored() =>
        Assert.That(ParsePlain("\n\n" + Compute + "\n\n\nX-OCCI-Attribute: occi.compute.cores=2\n\n").Attributes.Count, Is.EqualTo(1));

    [Test]
    public void Empty_body_is_an_empty_request() => Assert.That(ParsePlain("").IsEmpty, Is.True);

    [TestCase("category")]
    [TestCase("CATEGORY")]
    [TestCase("Category")]
    public void Structure_names_are_case_insensitive(string name) =>
        Assert.That(ParsePlain(name + ": compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=kind").Categories.Single().Term, Is.EqualTo("compute"));

    [Test]
    public void Rocci_mixed_case_attribute_header_is_read() =>
        Assert.That(ParsePlain("X-Occi-Attribute: occi.core.title=\"x\"").Attributes["occi.core.title"], Is.EqualTo(AttributeValue.String("x")));

    [Test]
    public void Indented_continuation_lines_fold_into_the_structure()
    {
        var r = ParsePlain("Category: compute;\n    scheme=\"http://schemas.ogf.org/occi/infrastructure#\";\n    class=\"kind\";\nX-OCCI-Attribute: a=1");
        Assert.That(r.Entities.Single().Kind.Term, Is.EqualTo("compute"));
        Assert.That(r.Attributes["a"], Is.EqualTo(AttributeValue.Integer(1)));
    }

    [Test]
    public void Indented_structure_line_starts_a_new_structure() =>
        Assert.That(ParsePlain("  Category:   resource; scheme=\"http://schemas.ogf.org/occi/core#\"; class=kind\n x-occi-attribute:  occi.core.id=\"r1\"").Entities.Single().Id,
            Is.EqualTo("r1"));

    [Test]
    public void Rocci_literal_backslash_n_separates_two_structures_on_one_line() =>
        Assert.That(ParsePlain(Compute + "\\nCategory: compute;scheme=\"http://opennebula.org/occi/infrastructure#\";class=\"mixin\"").Categories, Has.Count.EqualTo(2));

    [Test]
    public void Byte_order_mark_is_skipped() =>
        Assert.That(PlainText.Parse(ParseInput.FromBody(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Compute)).ToArray()), Model).Categories, Has.Count.EqualTo(1));

    [Test]
    public void Non_ascii_in_quoted_strings_is_kept() =>
        Assert.That(ParsePlain("X-OCCI-Attribute: occi.core.title=\"Grüße §\"").Attributes["occi.core.title"], Is.EqualTo(AttributeValue.String("Grüße §")));

    [Test]
    public void Invalid_utf8_is_a_parse_error_with_its_line()
    {
        var body = Encoding.UTF8.GetBytes(Compute + "\nX-OCCI-Attribute: a=\"").Concat(new byte[] { 0xC3, 0x28, (byte)'"' }).ToArray();
        var e = Assert.Throws<OcciParseException>(() => PlainText.Parse(ParseInput.FromBody(body), Model))!;
        Assert.That(e.Where, Is.EqualTo("line 2"));
        Assert.That(e.Column, Is.EqualTo(22));
    }

    [Test]
    public void Syntax_error_names_line_and_column()
    {
        var e = PlainError(Compute + "\n\nX-OCCI-Attribute: a=\"unterminated");
        Assert.That(e.Where, Is.EqualTo("line 3"));
        Assert.That(e.Column, Is.EqualTo(34)); // just past the last character: the closing quote is missing
    }

    [Test]
    public void Line_without_colon_is_an_error() => Assert.That(PlainError("just some text").Where, Is.EqualTo("line 1"));

    [Test]
    public void Unknown_structure_name_in_a_body_is_an_error() =>
        Assert.That(PlainError("X-Something: 1").Message, Does.Contain("not an OCCI rendering structure"));

    [Test]
    public void Text_occi_reads_header_values_and_ignores_other_headers()
    {
        var r = ParseHeaders(("Accept", "text/occi"), ("Category", "compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\""),
            ("X-OCCI-Attribute", "occi.compute.cores=2, occi.compute.hostname=\"h\""), ("x-occi-attribute", "occi.core.title=\"t\""));
        Assert.That(r.Entities.Single().Attributes.Select(a => a.Key), Is.EqualTo(new[] { "occi.compute.cores", "occi.compute.hostname", "occi.core.title" }));
    }

    [Test]
    public void Text_occi_reads_a_rocci_text_plain_body_too()
    {
        var r = OcciText.Parse(new ParseInput(Encoding.UTF8.GetBytes(Compute + "\n"), []), Model);
        Assert.That(r.Entities.Single().Kind.Term, Is.EqualTo("compute"));
    }

    [Test]
    public void Text_occi_ignores_an_ok_body() => Assert.That(OcciText.Parse(new ParseInput("OK\n"u8.ToArray(), []), Model).IsEmpty, Is.True);

    [Test]
    public void Text_occi_error_names_the_header() => Assert.That(HeaderError("X-OCCI-Location", "/a, ").Where, Is.EqualTo("X-OCCI-Location"));

    [Test]
    public void Text_occi_plus_plain_is_the_text_plain_rendering_under_its_occi_1_2_name()
    {
        var r = new global::Occi.Rendering.Text.TextPlainRendering(global::Occi.Rendering.Text.TextPlainRendering.OcciPlainMediaType);
        Assert.That(r.MediaType, Is.EqualTo("text/occi+plain"));
        Assert.That(r.Parse(ParseInput.FromBody(Encoding.UTF8.GetBytes(Compute)), Model).Categories, Has.Count.EqualTo(1));
    }
}
