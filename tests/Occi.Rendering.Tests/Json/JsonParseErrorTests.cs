using System.Text;
using Occi.Core.Attributes;
using Occi.Core.Model;
using static Occi.Rendering.Tests.Json.JsonTestSupport;

namespace Occi.Rendering.Tests.Json;

/// <summary>Malformed bodies end in an OcciParseException that says where, and well-formed odd ones are read sensibly.</summary>
public sealed class JsonParseErrorTests
{
    [Test]
    public void Syntax_error_names_line_and_byte()
    {
        var e = Assert.Throws<OcciParseException>(() => Parse("{\n  \"kind\": ,\n}"));
        Assert.That((e!.Where, e.Column), Is.EqualTo(("line 2", (int?)11)));
        Assert.That(e.Message, Does.StartWith("line 2, column 11:").And.Not.Contain("LineNumber"));
    }

    [Test]
    public void Wrong_member_type_names_the_member_and_where_it_is()
    {
        var e = Assert.Throws<OcciParseException>(() => Parse("{\n\"id\": \"x\",\n   \"kind\": 5}"));
        Assert.That(e!.Message, Is.EqualTo("line 3, column 12: 'kind' must be a category identifier (scheme#term)"));
    }

    [Test]
    public void Kind_without_scheme_separator_is_refused()
    {
        var e = Assert.Throws<OcciParseException>(() => Parse("""{"kind":"compute"}"""));
        Assert.That(e!.Message, Does.Contain("'compute' is not a category identifier"));
    }

    [Test]
    public void Duplicate_member_is_refused()
    {
        var e = Assert.Throws<OcciParseException>(() => Parse("""{"kind":"http://a#b","kind":"http://a#c"}"""));
        Assert.That(e!.Message, Does.Contain("'kind' appears twice"));
    }

    [Test]
    public void Duplicate_attribute_is_refused()
    {
        var e = Assert.Throws<OcciParseException>(() => Parse("""{"kind":"http://a#b","attributes":{"a.b":1,"a.b":2}}"""));
        Assert.That(e!.Message, Does.Contain("attribute 'a.b' appears twice"));
    }

    [Test]
    public void Invalid_attribute_name_is_refused()
    {
        var e = Assert.Throws<OcciParseException>(() => Parse("""{"kind":"http://a#b","attributes":{"1bad":1}}"""));
        Assert.That(e!.Message, Does.Contain("'1bad' is not a valid attribute name"));
    }

    [Test]
    public void Deep_nesting_is_refused_as_a_parse_error()
    {
        var json = "{\"kind\":\"http://a#b\",\"attributes\":{\"a.b\":" + new string('[', 5000) + new string(']', 5000) + "}}";
        Assert.Throws<OcciParseException>(() => Parse(json));
    }

    [Test]
    public void Number_beyond_double_range_is_refused()
    {
        var e = Assert.Throws<OcciParseException>(() => Parse("""{"kind":"http://a#b","attributes":{"a.b":1e400}}"""));
        Assert.That(e!.Message, Does.Contain("attribute 'a.b': number 1e400 is out of range"));
    }

    [TestCase("-1e400")]
    [TestCase("1.8e308")]
    [TestCase("[1, 2, 1e400]")]
    [TestCase("{\"inner\": -1E+309}")]
    public void Number_beyond_double_range_is_refused_naming_the_attribute_also_inside_arrays_and_objects(string value)
    {
        var e = Assert.Throws<OcciParseException>(() => Parse("{\"kind\":\"http://a#b\",\"attributes\":{\"occi.storage.size\":" + value + "}}"));
        Assert.That(e!.Message, Does.Contain("attribute 'occi.storage.size'").And.Contain("out of range"));
    }

    [Test]
    public void Number_literal_longer_than_the_bound_is_refused_quoting_only_its_start()
    {
        var digits = new string('9', 5000);
        var e = Assert.Throws<OcciParseException>(() => Parse("{\"kind\":\"http://a#b\",\"attributes\":{\"occi.compute.memory\":" + digits + "}}"));
        Assert.That(e!.Message, Does.Contain("attribute 'occi.compute.memory'").And.Contain("(5000 characters)"));
        Assert.That(e.Message.Length, Is.LessThan(400));
        var zeros = "0." + new string('0', NumberRange.MaxLiteralLength) + "1"; // a finite value, but past the bound
        Assert.Throws<OcciParseException>(() => Parse("{\"kind\":\"http://a#b\",\"attributes\":{\"a.b\":" + zeros + "}}"));
    }

    [Test]
    public void Number_at_the_edges_of_the_range_is_read()
    {
        var r = Parse("""{"kind":"http://a#b","attributes":{"a.b":-1.7976931348623157e308,"a.c":1e-400}}""").Entities[0];
        Assert.That(r.Attributes["a.b"], Is.EqualTo(AttributeValue.Number(double.MinValue)));
        Assert.That(r.Attributes["a.c"].AsNumber, Is.EqualTo(0));
    }

    [Test]
    public void Integer_beyond_64_bits_becomes_a_number()
    {
        var r = Parse("""{"kind":"http://a#b","attributes":{"a.b":123456789012345678901234567890}}""").Entities[0];
        Assert.That(r.Attributes["a.b"], Is.EqualTo(AttributeValue.Number(1.2345678901234568E+29)));
    }

    [Test]
    public void Invalid_utf8_inside_a_string_is_a_parse_error()
    {
        byte[] body = [.. "{\"kind\":\"http://a#b\",\"title\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        Assert.Throws<OcciParseException>(() => Parse(body));
    }

    [Test]
    public void Second_top_level_value_is_refused()
    {
        Assert.Throws<OcciParseException>(() => Parse("{} {}"));
    }

    [Test]
    public void Top_level_string_is_refused()
    {
        var e = Assert.Throws<OcciParseException>(() => Parse("\"http://a#b\""));
        Assert.That(e!.Message, Does.Contain("must be a JSON object"));
    }

    [Test]
    public void Action_invocation_with_a_kind_is_refused()
    {
        Assert.Throws<OcciParseException>(() => Parse("""{"action":"http://a#stop","kind":"http://a#b"}"""));
    }

    [Test]
    public void Empty_body_gives_an_empty_request()
    {
        Assert.That(Parse(" \r\n").IsEmpty, Is.True);
    }

    [Test]
    public void Byte_order_mark_is_skipped()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. """{"kind":"http://schemas.ogf.org/occi/infrastructure#compute"}"""u8];
        Assert.That(Parse(body).Entities, Has.Count.EqualTo(1));
    }

    [Test]
    public void Unknown_members_are_ignored()
    {
        var e = Parse("""{"kind":"http://schemas.ogf.org/occi/infrastructure#compute","x-vendor":{"deep":[1,2]},"id":"c1"}""").Entities.Single();
        Assert.That(e.Id, Is.EqualTo("c1"));
    }

    [Test]
    public void Null_attribute_is_left_out()
    {
        var e = Parse("""{"kind":"http://schemas.ogf.org/occi/infrastructure#compute","attributes":{"occi.compute.hostname":null,"occi.compute.cores":2}}""").Entities.Single();
        Assert.That(e.Attributes.Select(kv => kv.Key), Is.EqualTo(new[] { "occi.compute.cores" }));
    }

    [Test]
    public void Attributes_without_kind_describe_an_update_with_default_kind()
    {
        var request = Parse("""{"attributes":{"occi.core.title":"renamed"}}""");
        var e = request.Entities.Single();
        Assert.That((e.Kind, e.Title, request.Attributes.GetString("occi.core.title")), Is.EqualTo((default(CategoryId), "renamed", "renamed")));
    }

    [Test]
    public void Trailing_commas_and_comments_are_tolerated()
    {
        var e = Parse("{ /* rOCCI */ \"kind\": \"http://schemas.ogf.org/occi/infrastructure#compute\", \"id\": \"c1\", }").Entities.Single();
        Assert.That(e.Id, Is.EqualTo("c1"));
    }

    [Test]
    public void Escaped_member_names_and_strings_are_read_unescaped()
    {
        var e = Parse("""{"\u006bind":"http://schemas.ogf.org/occi/infrastructure#compute","attributes":{"occi.compute.hostname":"a\"b\u00e9"}}""").Entities.Single();
        Assert.That((e.Kind.Term, e.Attributes.GetString("occi.compute.hostname")), Is.EqualTo(("compute", "a\"bé")));
    }

    [Test]
    public void Top_level_array_of_locations_gives_locations()
    {
        Assert.That(Parse("""["/compute/1","http://x/storage/2"]""").Locations, Is.EqualTo(new[] { "/compute/1", "http://x/storage/2" }));
    }

    [Test]
    public void Top_level_array_holding_a_non_string_is_refused()
    {
        Assert.Throws<OcciParseException>(() => Parse("""["/compute/1", 2]"""));
    }

    [Test]
    public void Very_long_identifiers_and_names_are_read()
    {
        var scheme = "http://example.org/" + new string('s', 2000) + "#";
        var name = "a." + new string('b', 1000);
        var e = Parse("{\"kind\":\"" + scheme + "k\",\"attributes\":{\"" + name + "\":1}}").Entities.Single();
        Assert.That((e.Kind.Scheme, e.Attributes.Contains(name)), Is.EqualTo((scheme, true)));
    }

    [Test]
    public void Utf8_encoding_of_every_parse_error_message_is_plain_text()
    {
        var e = Assert.Throws<OcciParseException>(() => Parse(Encoding.UTF8.GetBytes("{\"kind\":")));
        Assert.That(e!.Message, Does.StartWith("line 1"));
    }

    [Test]
    public void Parent_chain_longer_than_the_limit_is_a_parse_error_not_a_stack_overflow()
    {
        var kinds = Enumerable.Range(0, 5000).Select(i =>
            $"{{\"term\":\"k{i}\",\"scheme\":\"http://x/s#\",\"location\":\"/k{i}/\",\"parent\":\"http://x/s#k{i + 1}\"}}");
        var e = Assert.Throws<OcciParseException>(() => Parse("{\"kinds\":[" + string.Join(",", kinds) + "]}"));
        Assert.That(e!.Message, Does.Contain("chain"));
    }

    [Test]
    public void Many_attributes_parse_and_a_late_duplicate_is_still_found()
    {
        var attributes = Enumerable.Range(0, 20_000).Select(i => $"\"a.n{i}\":{i}").ToList();
        var e = Parse("{\"kind\":\"http://a#b\",\"attributes\":{" + string.Join(",", attributes) + "}}").Entities.Single();
        Assert.That(e.Attributes.Count, Is.EqualTo(20_000));
        attributes.Add("\"a.n7\":1");
        Assert.Throws<OcciParseException>(() => Parse("{\"kind\":\"http://a#b\",\"attributes\":{" + string.Join(",", attributes) + "}}"));
    }

    [Test]
    public void Cyclic_mixin_depends_is_a_parse_error()
    {
        var e = Assert.Throws<OcciParseException>(() => Parse(
            """{"mixins":[{"term":"a","scheme":"http://x/s#","location":"/a/","depends":["http://x/s#b"]},{"term":"b","scheme":"http://x/s#","location":"/b/","depends":["http://x/s#a"]}]}"""));
        Assert.That(e!.Message, Does.Contain("depends on itself"));
    }

    [Test]
    public void Escaped_category_identifier_resolves_to_the_model_category()
    {
        var e = Parse("""{"kind":"http:\/\/schemas.ogf.org\/occi\/infrastructure#compute","attributes":{"occi.compute.state":"\u0061ctive"}}""").Entities.Single();
        Assert.That((e.Kind, e.Attributes.GetString("occi.compute.state")), Is.EqualTo((Occi.Infrastructure.Kinds.Compute.Kind.Id, "active")));
    }
}
