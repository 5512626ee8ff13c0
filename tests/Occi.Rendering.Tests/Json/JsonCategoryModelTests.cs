using System.Text;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Rendering.Json;
using static Occi.Rendering.Tests.Json.JsonTestSupport;

namespace Occi.Rendering.Tests.Json;

/// <summary>The query interface rendering: every kind, mixin and action of the model renders and reads back the same.</summary>
public sealed class JsonCategoryModelTests
{
    private static JsonCategoryModel RenderedModel()
    {
        var json = Render((r, o) => r.RenderCategories(Model.Categories, Context, o));
        return JsonRequestReader.ReadCategories(Encoding.UTF8.GetBytes(json), Model);
    }

    public static IEnumerable<Category> Categories() => Model.Categories;

    /// <summary>
    /// A definition's meaning after GFD.225's five types: Integer is "number", Uri is "string"; Enum survives
    /// as the alternation pattern. Locations become absolute.
    /// </summary>
    private static string Describe(Category c)
    {
        var sb = new StringBuilder();
        sb.Append(c.ClassName).Append(' ').Append(c.Id.Identity).Append(" title=").Append(c.Title).Append('\n');
        foreach (var d in c.Attributes)
        {
            var type = d.Type switch { AttributeType.Integer => AttributeType.Number, AttributeType.Uri => AttributeType.String, var t => t };
            sb.Append("  ").Append(d.Name).Append(' ').Append(type).Append(" mutable=").Append(d.Mutable).Append(" required=").Append(d.Required)
                .Append(" default=").Append(d.Default is { } v ? JsonTestSupport.Describe(v) : "-")
                .Append(" pattern=").Append(d.Pattern).Append(" enum=").Append(string.Join("|", d.EnumValues))
                .Append(" description=").Append(d.Description).Append('\n');
        }
        switch (c)
        {
            case Kind k:
                sb.Append("  parent ").Append(k.Parent?.Id.Identity).Append(" location ").Append(k.Location is null ? "-" : Context.Absolute(k.Location)).Append('\n');
                foreach (var a in k.Actions) sb.Append("  action ").Append(a.Id.Identity).Append('\n');
                break;
            case Mixin m:
                sb.Append("  location ").Append(m.Location is null ? "-" : Context.Absolute(m.Location)).Append('\n');
                foreach (var a in m.Actions) sb.Append("  action ").Append(a.Id.Identity).Append('\n');
                foreach (var d in m.Depends) sb.Append("  depends ").Append(d.Id.Identity).Append('\n');
                foreach (var a in m.Applies) sb.Append("  applies ").Append(a.Identity).Append('\n');
                break;
        }
        return sb.ToString();
    }

    [TestCaseSource(nameof(Categories))]
    public void Every_category_of_the_model_renders_and_reads_back_the_same(Category category)
    {
        var parsed = RenderedModel();
        var all = parsed.Kinds.Cast<Category>().Concat(parsed.Mixins).Concat(parsed.Actions).ToList();
        var match = all.SingleOrDefault(c => c.Id == category.Id);
        Assert.That(match, Is.Not.Null, $"{category.Id} missing from the rendered model");
        Assert.That(Describe(match!), Is.EqualTo(Describe(category)));
    }

    [Test]
    public void Model_body_names_every_category_and_yields_its_mixins_as_definitions()
    {
        var json = Render((r, o) => r.RenderCategories(Model.Categories, Context, o));
        var request = Parse(json);
        Assert.That(request.Categories, Is.EquivalentTo(Model.Categories.Select(c => c.Id)));
        Assert.That(request.Mixins.Select(m => m.Id), Is.EquivalentTo(Model.Mixins.Select(m => m.Id)));
        Assert.That(request.Mixins.All(m => m.IsUserDefined), Is.True);
    }

    [Test]
    public void Enum_attribute_renders_as_string_with_the_alternation_of_its_values()
    {
        var json = Render((r, o) => r.RenderCategories([Occi.Infrastructure.Kinds.Compute.Stop], Context, o));
        Assert.That(json, Does.Contain("\"method\":{\"mutable\":true,\"required\":false,\"type\":\"string\",\"pattern\":\"graceful|acpioff|poweroff\"}"));
    }

    [Test]
    public void Integer_attribute_renders_as_number_with_an_integer_default()
    {
        var tpl = Occi.Infrastructure.Mixins.Templates.ResourceTemplate("http://example.org/tpl#", "small", "Small", 2, 4.0);
        var json = Render((r, o) => r.RenderCategories([tpl], Context, o));
        Assert.That(json, Does.Contain("\"occi.compute.cores\":{\"mutable\":false,\"required\":false,\"type\":\"number\",\"default\":2}"));
        Assert.That(json, Does.Contain("\"occi.compute.memory\":{\"mutable\":false,\"required\":false,\"type\":\"number\",\"default\":4.0}"));
    }

    [Test]
    public void User_mixin_definition_posted_alone_becomes_one_user_defined_mixin()
    {
        var request = Parse("""{"term":"my_stuff","scheme":"http://example.com/occi/my_stuff#","title":"Mine","location":"/mixin/my_stuff/"}""");
        Assert.That(request.Mixins, Has.Count.EqualTo(1));
        var m = request.Mixins[0];
        Assert.That((m.Id.Identity, m.Title, m.Location, m.IsUserDefined),
            Is.EqualTo(("http://example.com/occi/my_stuff#my_stuff", "Mine", "/mixin/my_stuff/", true)));
        Assert.That(request.Categories, Is.EqualTo(new[] { m.Id }));
    }

    [Test]
    public void User_mixin_definitions_in_a_mixins_array_are_accepted_too()
    {
        var request = Parse("""{"mixins":[{"term":"a","scheme":"http://example.com/t#","location":"/mixin/a/"},{"term":"b","scheme":"http://example.com/t#","location":"/mixin/b/","depends":["http://example.com/t#a"]}]}""");
        Assert.That(request.Mixins.Select(m => m.Term), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(request.Mixins[1].Depends.Single(), Is.SameAs(request.Mixins[0]));
    }

    [Test]
    public void Category_without_a_hash_terminated_scheme_is_a_parse_error()
    {
        var e = Assert.Throws<OcciParseException>(() => Parse("""{"term":"x","scheme":"http://example.com/t","location":"/x/"}"""));
        Assert.That(e!.Message, Does.Contain("scheme"));
    }

    [Test]
    public void Attribute_definition_with_an_invalid_pattern_is_a_parse_error()
    {
        var e = Assert.Throws<OcciParseException>(() => Parse(
            """{"term":"x","scheme":"http://example.com/t#","location":"/x/","attributes":{"a.b":{"type":"string","pattern":"(unclosed"}}}"""));
        Assert.That(e!.Where, Is.EqualTo("line 1"));
    }

    [Test]
    public void Category_identifiers_body_names_categories()
    {
        var request = Parse("""{"mixins":["http://schemas.ogf.org/occi/infrastructure#os_tpl"],"kinds":["http://schemas.ogf.org/occi/infrastructure#compute"]}""");
        Assert.That(request.Categories.Select(c => c.Term), Is.EqualTo(new[] { "compute", "os_tpl" }));
        Assert.That(request.Entities, Is.Empty);
    }
}
