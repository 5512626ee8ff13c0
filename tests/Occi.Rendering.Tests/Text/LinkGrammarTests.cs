using Occi.Core.Attributes;
using Occi.Rendering.Text.Grammar;
using Sprache;

namespace Occi.Rendering.Tests.Text;

/// <summary>GFD.185 §3.4.2 and §3.4.3, the Link header.</summary>
public sealed class LinkGrammarTests
{
    private static LinkValue One(string value)
    {
        var result = LinkGrammar.HeaderValue.End().TryParse(value);
        Assert.That(result.WasSuccessful, Is.True, result.ToString());
        return result.Value.Single();
    }

    private static bool Fails(string value) => !LinkGrammar.HeaderValue.End().TryParse(value).WasSuccessful;

    [Test]
    public void Link_to_a_resource_gives_target_rel_self_category_and_attributes()
    {
        var l = One("</network/123>; rel=\"http://schemas.ogf.org/occi/infrastructure#network\"; self=\"/link/networkinterface/456\"; "
            + "category=\"http://schemas.ogf.org/occi/infrastructure#networkinterface http://schemas.ogf.org/occi/infrastructure/networkinterface#ipnetworkinterface\"; "
            + "occi.networkinterface.interface=\"eth0\"; occi.networkinterface.mac=\"00:11:22:33:44:55\"; x.count=3");
        Assert.That(l.Target, Is.EqualTo("/network/123"));
        Assert.That(l.Rel.Single().Term, Is.EqualTo("network"));
        Assert.That(l.Self, Is.EqualTo("/link/networkinterface/456"));
        Assert.That(l.Categories.Select(c => c.Term), Is.EqualTo(new[] { "networkinterface", "ipnetworkinterface" }));
        Assert.That(l.Attributes, Is.EqualTo(new[]
        {
            new KeyValuePair<string, AttributeValue>("occi.networkinterface.interface", "eth0"),
            new KeyValuePair<string, AttributeValue>("occi.networkinterface.mac", "00:11:22:33:44:55"),
            new KeyValuePair<string, AttributeValue>("x.count", 3),
        }));
        Assert.That(l.IsActionLink, Is.False);
    }

    [Test]
    public void Action_link_is_recognised()
    {
        var l = One("</compute/1?action=start>; rel=\"http://schemas.ogf.org/occi/infrastructure/compute/action#start\"");
        Assert.That(l.IsActionLink, Is.True);
        Assert.That(l.Rel.Single().Term, Is.EqualTo("start"));
    }

    [Test]
    public void Rocci_space_separated_link_attributes_are_accepted()
    {
        var l = One("</storage/e6>;rel=\"http://schemas.ogf.org/occi/infrastructure#storage\";self=\"/storagelink/b2\";"
            + "category=\"http://schemas.ogf.org/occi/infrastructure#storagelink\";occi.core.id=\"b2\" occi.core.title=\"monitoring\" occi.storagelink.deviceid=\"xvda\"");
        Assert.That(l.Attributes.Select(a => a.Key), Is.EqualTo(new[] { "occi.core.id", "occi.core.title", "occi.storagelink.deviceid" }));
    }

    [Test]
    public void Several_links_in_one_value_are_comma_separated() =>
        Assert.That(LinkGrammar.HeaderValue.End().TryParse("</a>; rel=\"http://s#x\", </b>; rel=\"http://s#y\"").Value.Select(l => l.Target),
            Is.EqualTo(new[] { "/a", "/b" }));

    [Test]
    public void Bare_self_is_accepted() => Assert.That(One("<http://example.org/r1>; rel=\"http://s#resource\"; self=\"mylink1\"").Self, Is.EqualTo("mylink1"));

    [TestCase("/network/1; rel=\"http://s#n\"", TestName = "Link_without_angle_brackets_is_an_error")]
    [TestCase("</network/1; rel=\"http://s#n\"", TestName = "Link_with_unclosed_angle_bracket_is_an_error")]
    [TestCase("<>; rel=\"http://s#n\"", TestName = "Link_with_empty_target_is_an_error")]
    [TestCase("</n/1>; rel=\"nohash\"", TestName = "Link_rel_without_type_identifier_is_an_error")]
    [TestCase("</n/1>; rel=\"http://s#n\"; rel=\"http://s#m\"", TestName = "Link_rel_given_twice_is_an_error")]
    [TestCase("</n/1>; rel=\"http://s#n\"; 9bad=\"x\"", TestName = "Link_attribute_with_invalid_name_is_an_error")]
    [TestCase("</n/1>; rel=\"http://s#n\"; a.b=\"x", TestName = "Link_attribute_with_unbalanced_quote_is_an_error")]
    public void Invalid_link_values_are_rejected(string value) => Assert.That(Fails(value), Is.True);
}
