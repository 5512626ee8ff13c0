using Occi.Core.Model;
using Occi.Rendering.Text.Grammar;
using Sprache;
using static Occi.Rendering.Tests.Text.TextTestSupport;

namespace Occi.Rendering.Tests.Text;

/// <summary>GFD.185 §3.4.1, the Category header: each production with valid and invalid input.</summary>
public sealed class CategoryGrammarTests
{
    private static CategoryValue One(string value)
    {
        var result = CategoryGrammar.HeaderValue.End().TryParse(value);
        Assert.That(result.WasSuccessful, Is.True, result.ToString());
        Assert.That(result.Value, Has.Count.EqualTo(1));
        return result.Value[0];
    }

    private static bool Fails(string value) => !CategoryGrammar.HeaderValue.End().TryParse(value).WasSuccessful;

    [Test]
    public void Full_category_value_gives_every_parameter()
    {
        var c = One("storage; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"; title=\"Storage Resource\"; "
            + "rel=\"http://schemas.ogf.org/occi/core#resource\"; location=\"/storage/\"; "
            + "attributes=\"occi.storage.size{required} occi.storage.state{immutable}\"; "
            + "actions=\"http://schemas.ogf.org/occi/infrastructure/storage/action#resize http://schemas.ogf.org/occi/infrastructure/storage/action#online\"");
        Assert.That(c.Id, Is.EqualTo(new CategoryId("http://schemas.ogf.org/occi/infrastructure#", "storage")));
        Assert.That(c.Class, Is.EqualTo("kind"));
        Assert.That(c.Title, Is.EqualTo("Storage Resource"));
        Assert.That(c.Rel, Is.EqualTo(new[] { CategoryId.Parse("http://schemas.ogf.org/occi/core#resource") }));
        Assert.That(c.Location, Is.EqualTo("/storage/"));
        Assert.That(c.Attributes, Is.EqualTo(new[] { new AttributeSpec("occi.storage.size", false, true), new AttributeSpec("occi.storage.state", true, false) }));
        Assert.That(c.Actions.Select(a => a.Term), Is.EqualTo(new[] { "resize", "online" }));
    }

    [Test]
    public void Class_may_be_bare_as_the_abnf_allows() => Assert.That(One("compute; scheme=\"http://s#\"; class=kind").Class, Is.EqualTo("kind"));

    [Test]
    public void Class_is_optional_when_parsing() => Assert.That(One("compute; scheme=\"http://s#\"").Class, Is.Null);

    [Test]
    public void Parameters_in_another_order_are_accepted() =>
        Assert.That(One("compute; class=\"kind\"; location=\"/c/\"; scheme=\"http://s#\"").Location, Is.EqualTo("/c/"));

    [Test]
    public void Parameter_names_are_case_insensitive() =>
        Assert.That(One("compute; Scheme=\"http://s#\"; CLASS=\"Mixin\"").Class, Is.EqualTo("mixin"));

    [Test]
    public void Trailing_semicolon_is_accepted() => Assert.That(One("compute; scheme=\"http://s#\"; class=\"kind\";").Class, Is.EqualTo("kind"));

    [Test]
    public void Unquoted_location_and_rel_of_the_early_examples_are_accepted()
    {
        var c = One("compute; scheme=\"http://s#\"; class=\"kind\"; rel=http://schemas.ogf.org/occi/core#resource; location=/compute/;");
        Assert.That(c.Location, Is.EqualTo("/compute/"));
        Assert.That(c.Rel.Single().Term, Is.EqualTo("resource"));
    }

    [Test]
    public void Title_unescapes_quote_and_backslash() =>
        Assert.That(One("a; scheme=\"http://s#\"; class=\"kind\"; title=\"say \\\"hi\\\" \\\\ bye\"").Title, Is.EqualTo("say \"hi\" \\ bye"));

    [Test]
    public void Title_keeps_separators_inside_quotes() =>
        Assert.That(One("a; scheme=\"http://s#\"; class=\"kind\"; title=\"x;y, z=1\"").Title, Is.EqualTo("x;y, z=1"));

    [Test]
    public void Several_categories_in_one_value_are_comma_separated()
    {
        var result = CategoryGrammar.HeaderValue.End().TryParse(
            "compute; scheme=\"http://s#\"; class=\"kind\";, my_stuff; scheme=\"http://e/my#\"; class=\"mixin\"");
        Assert.That(result.Value.Select(c => c.Id.Term), Is.EqualTo(new[] { "compute", "my_stuff" }));
    }

    [Test]
    public void Occi_1_2_terms_may_have_upper_case_and_digits_first() => Assert.That(One("Ubuntu-24.04; scheme=\"http://s#\"").Id.Term, Is.EqualTo("Ubuntu-24.04"));

    [Test]
    public void Attribute_properties_may_be_both() =>
        Assert.That(One("a; scheme=\"http://s#\"; attributes=\"x.y{immutable required}\"").Attributes.Single(), Is.EqualTo(new AttributeSpec("x.y", true, true)));

    [Test]
    public void Attribute_list_may_be_empty() => Assert.That(One("a; scheme=\"http://s#\"; attributes=\"\"").Attributes, Is.Empty);

    [Test]
    public void Rel_may_name_several_type_identifiers() =>
        Assert.That(One("a; scheme=\"http://s#\"; rel=\"http://s#b http://s#c\"").Rel.Select(r => r.Term), Is.EqualTo(new[] { "b", "c" }));

    [Test]
    public void Unknown_parameters_are_ignored() => Assert.That(One("a; scheme=\"http://s#\"; x-extra=\"1\"").Id.Term, Is.EqualTo("a"));

    [TestCase("", TestName = "Empty_value_is_an_error")]
    [TestCase("compute", TestName = "Missing_scheme_is_an_error")]
    [TestCase("compute; scheme=\"http://s\"", TestName = "Scheme_without_hash_is_an_error")]
    [TestCase("compute; scheme=\"http://s#\"; class=\"thing\"", TestName = "Unknown_class_is_an_error")]
    [TestCase("compute; scheme=\"http://s#\"; scheme=\"http://t#\"", TestName = "Parameter_given_twice_is_an_error")]
    [TestCase("compute; scheme=\"http://s#", TestName = "Unbalanced_quote_is_an_error")]
    [TestCase("compute; scheme", TestName = "Parameter_without_value_is_an_error")]
    [TestCase("compute scheme=\"http://s#\"", TestName = "Missing_semicolon_is_an_error")]
    [TestCase("-compute; scheme=\"http://s#\"", TestName = "Term_starting_with_dash_is_an_error")]
    [TestCase("a; scheme=\"http://s#\"; attributes=\"x{mutable}\"", TestName = "Unknown_attribute_property_is_an_error")]
    [TestCase("a; scheme=\"http://s#\"; attributes=\"9x\"", TestName = "Attribute_name_starting_with_digit_is_an_error")]
    [TestCase("a; scheme=\"http://s#\"; rel=\"http://s/nohash\"", TestName = "Rel_without_type_identifier_is_an_error")]
    [TestCase("a; scheme=\"http://s#\"; actions=\"http://s#\"", TestName = "Action_without_term_is_an_error")]
    [TestCase("a; scheme=\"http://s#\", ", TestName = "Trailing_comma_is_an_error")]
    [TestCase("a; scheme=\"http://s#\"; title=\"x\u0001\"", TestName = "Control_character_in_quoted_string_is_an_error")]
    [TestCase("a; scheme=\"http://s#\"; class=\"\u212Aind\"", TestName = "Class_spelt_with_the_Kelvin_sign_is_an_error")]
    public void Invalid_category_values_are_rejected(string value) => Assert.That(Fails(value), Is.True);

    [Test]
    public void Class_letter_case_is_ignored() => Assert.That(One("compute; scheme=\"http://s#\"; class=\"Kind\"").Class, Is.EqualTo("kind"));

    [Test]
    public void Error_names_the_header_and_column()
    {
        var e = HeaderError("Category", "compute; scheme=\"http://s#\"; class=\"thing\"");
        Assert.That(e.Where, Is.EqualTo("Category"));
        Assert.That(e.Column, Is.GreaterThan(1));
        Assert.That(e.Message, Does.Contain("thing"));
    }
}
