using System.Text;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;
using Occi.Rendering.Text;
using Occi.Rendering.Text.Grammar;
using Sprache;
using static Occi.Rendering.Tests.Text.TextTestSupport;

namespace Occi.Rendering.Tests.Text;

/// <summary>
/// Render → parse gives the same model, in text/plain and text/occi, for every kind, mixin, action and link
/// of Occi.Infrastructure, and for the query interface's category list.
/// </summary>
public sealed class InfrastructureRoundTripTests
{
    public enum Flavour { Plain, Occi }

    internal static IEnumerable<Kind> Kinds => Model.Kinds.Where(k => k.Id != CoreCategories.Entity.Id);
    internal static IEnumerable<Mixin> Mixins => Model.Mixins;
    internal static IEnumerable<OcciAction> Actions => Model.Actions;

    private static AttributeValue SampleValue(AttributeDefinition d) => d.Type switch
    {
        AttributeType.Integer => AttributeValue.Integer(42),
        AttributeType.Number => AttributeValue.Number(1.5),
        AttributeType.Boolean => AttributeValue.Boolean(true),
        AttributeType.Enum => AttributeValue.String(d.EnumValues[0]),
        AttributeType.Uri => AttributeValue.String("/some/where?x=1"),
        _ => AttributeValue.String($"v \"{d.Name}\" \\ ü, ;"),
    };

    private static void Fill(Entity e, IEnumerable<AttributeDefinition> definitions)
    {
        foreach (var d in definitions)
            if (d.Name is not (Entity.IdAttribute or Link.SourceAttribute or Link.TargetAttribute or "occi.core.source.kind" or "occi.core.target.kind"))
                e.Attributes[d.Name] = SampleValue(d);
    }

    private static Link SampleLink(Kind kind, string id, string source)
    {
        var link = new Link
        {
            Id = id, Kind = kind.Id, Location = $"/{kind.Term}/{id}", Source = source, Target = "/network/n-" + id,
            TargetKind = Network.Kind.Id,
        };
        foreach (var m in Mixins.Where(m => m.Applies.Any(kind.IsOrInherits))) link.Mixins.Add(m.Id);
        Fill(link, Model.AttributesOf(link.Kind, link.Mixins));
        return link;
    }

    internal static Entity SampleEntity(Kind kind, IEnumerable<Mixin>? mixins = null)
    {
        Entity e;
        if (Model.IsLinkKind(kind.Id))
            e = new Link { Source = "/compute/src", Target = "/storage/dst", SourceKind = Compute.Kind.Id, TargetKind = Storage.Kind.Id };
        else
        {
            var r = new Resource();
            foreach (var linkKind in Kinds.Where(k => Model.IsLinkKind(k.Id))) r.Links.Add(SampleLink(linkKind, "l-" + linkKind.Term, "/" + kind.Term + "/e1"));
            e = r;
        }
        e.Id = "e1";
        e.Kind = kind.Id;
        e.Location = kind.Location is null ? null : kind.Location + "e1";
        foreach (var m in mixins ?? Mixins.Where(m => m.Applies.Any(kind.IsOrInherits))) e.Mixins.Add(m.Id);
        Fill(e, Model.AttributesOf(e.Kind, e.Mixins));
        e.Attributes["x.count"] = -7;
        e.Attributes["x.flag"] = false;
        e.Attributes["x.ratio"] = 3.0;
        foreach (var a in Model.ActionsOf(e.Kind, e.Mixins)) e.Actions.Add(a.Id);
        return e;
    }

    private static Entity RoundTrip(Entity e, Flavour flavour)
    {
        TextRendering rendering = flavour == Flavour.Plain ? PlainText : OcciText;
        var (body, headers) = Render(rendering, (r, o) => r.RenderEntity(e, Context, o));
        var request = flavour == Flavour.Plain ? ParsePlain(body) : ReparseOcci(headers, body);
        return request.Entities.Single();
    }

    private static void AssertSame(Entity expected, Entity actual)
    {
        Assert.That(actual.GetType(), Is.EqualTo(expected.GetType()));
        Assert.That(actual.Id, Is.EqualTo(expected.Id));
        Assert.That(actual.Kind, Is.EqualTo(expected.Kind));
        Assert.That(actual.Mixins, Is.EqualTo(expected.Mixins));
        Assert.That(actual.Attributes.ToArray(), Is.EqualTo(expected.Attributes.ToArray()));
        Assert.That(actual.Attributes.Select(a => a.Value.Kind), Is.EqualTo(expected.Attributes.Select(a => a.Value.Kind)));
        Assert.That(actual.Actions, Is.EqualTo(expected.Location is null ? [] : expected.Actions));
        if (expected is Link el)
        {
            var al = (Link)actual;
            Assert.That((al.Source, al.Target, al.SourceKind, al.TargetKind), Is.EqualTo((el.Source, el.Target, el.SourceKind, el.TargetKind)));
        }
        if (expected is Resource er)
        {
            var links = ((Resource)actual).Links;
            Assert.That(links, Has.Count.EqualTo(er.Links.Count));
            for (var i = 0; i < er.Links.Count; i++)
            {
                var (x, y) = (er.Links[i], links[i]);
                Assert.That((y.Id, y.Kind, y.Location, y.Target, y.TargetKind), Is.EqualTo((x.Id, x.Kind, x.Location, x.Target, x.TargetKind)));
                Assert.That(y.Mixins, Is.EqualTo(x.Mixins));
                Assert.That(y.Attributes.ToArray(), Is.EqualTo(x.Attributes.ToArray()));
                Assert.That(y.Source, Is.EqualTo(x.Source), "a Link header names its source (occi.core.source), as rOCCI-server's do");
            }
        }
    }

    private static IEnumerable<TestCaseData> KindCases() =>
        from k in Kinds from f in Enum.GetValues<Flavour>() select new TestCaseData(k.Id.Identity, f).SetArgDisplayNames(k.Term, f.ToString());

    private static IEnumerable<TestCaseData> MixinCases() =>
        from m in Mixins from f in Enum.GetValues<Flavour>() select new TestCaseData(m.Id.Identity, f).SetArgDisplayNames(m.Term, f.ToString());

    private static IEnumerable<TestCaseData> ActionCases() =>
        from a in Actions from f in Enum.GetValues<Flavour>() select new TestCaseData(a.Id.Identity, f).SetArgDisplayNames(a.Id.Scheme.Split('/')[^2] + "#" + a.Term, f.ToString());

    [TestCaseSource(nameof(KindCases))]
    public void Entity_of_every_kind_with_mixins_attributes_links_and_actions_survives(string kind, Flavour flavour)
    {
        var e = SampleEntity(Model.FindKind(CategoryId.Parse(kind))!);
        AssertSame(e, RoundTrip(e, flavour));
    }

    [TestCaseSource(nameof(MixinCases))]
    public void Entity_with_every_mixin_and_its_attributes_survives(string mixin, Flavour flavour)
    {
        var m = Model.FindMixin(CategoryId.Parse(mixin))!;
        var kind = m.Applies.Count > 0 ? Model.FindKind(m.Applies[0])! : Compute.Kind;
        var e = SampleEntity(kind, [m]);
        AssertSame(e, RoundTrip(e, flavour));
    }

    [TestCaseSource(nameof(ActionCases))]
    public void Every_action_category_parses_back_as_the_invocation(string action, Flavour flavour)
    {
        var a = Model.FindAction(CategoryId.Parse(action))!;
        TextRendering rendering = flavour == Flavour.Plain ? PlainText : OcciText;
        var (body, headers) = Render(rendering, (r, o) => r.RenderCategories([a], Context, o));
        var request = flavour == Flavour.Plain ? ParsePlain(body + "X-OCCI-Attribute: method=\"graceful\"\n") : ReparseOcci([.. headers, new("X-OCCI-Attribute", "method=\"graceful\"")], body);
        Assert.That(request.Action!.Action, Is.EqualTo(a.Id));
        Assert.That(request.Action.Attributes["method"], Is.EqualTo(AttributeValue.String("graceful")));
    }

    [TestCaseSource(nameof(ActionCases))]
    public void Every_action_survives_as_an_action_link(string action, Flavour flavour)
    {
        var e = new Resource { Id = "x", Kind = Compute.Kind.Id, Location = "/compute/x" };
        e.Actions.Add(CategoryId.Parse(action));
        Assert.That(RoundTrip(e, flavour).Actions, Is.EqualTo(e.Actions));
    }

    [TestCase(Flavour.Plain)]
    [TestCase(Flavour.Occi)]
    public void Query_interface_category_list_parses_back_to_the_same_definitions(Flavour flavour)
    {
        TextRendering rendering = flavour == Flavour.Plain ? PlainText : OcciText;
        var (body, headers) = Render(rendering, (r, o) => r.RenderCategories(Model.Categories, Context, o));
        var values = flavour == Flavour.Plain
            ? body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => CategoryGrammar.HeaderValue.End().Parse(line["Category: ".Length..]).Single()).ToList()
            : CategoryGrammar.HeaderValue.End().Parse(headers.Single().Value).ToList();

        Assert.That(values.Select(v => v.Id), Is.EqualTo(Model.Categories.Select(c => c.Id)));
        foreach (var (category, value) in Model.Categories.Zip(values))
        {
            Assert.That(value.Class, Is.EqualTo(category.ClassName));
            Assert.That(value.Title, Is.EqualTo(category.Title));
            Assert.That(value.Location, Is.EqualTo(CategorySnapshot.LocationOf(category) is { } l ? Context.Absolute(l) : null));
            Assert.That(value.Attributes, Is.EqualTo(category.Attributes.Select(a => new AttributeSpec(a.Name, !a.Mutable, a.Required))));
            var rel = category switch { Kind { Parent: { } p } => [p.Id], Mixin m => m.Depends.Select(d => d.Id).ToArray(), _ => Array.Empty<CategoryId>() };
            Assert.That(value.Rel, Is.EqualTo(rel));
            var actions = category switch { Kind k => k.Actions, Mixin m => m.Actions, _ => [] };
            Assert.That(value.Actions, Is.EqualTo(actions.Select(a => a.Id)));
        }

        var request = flavour == Flavour.Plain ? ParsePlain(body) : ReparseOcci(headers, body);
        Assert.That(request.Categories, Is.EqualTo(Model.Categories.Select(c => c.Id)));
    }

    [TestCase(Flavour.Plain)]
    [TestCase(Flavour.Occi)]
    public void User_mixin_definition_survives(Flavour flavour)
    {
        var tag = new Mixin("http://example.com/tags#", "my_stuff", "My \"stuff\"", "/my_stuff/", [Templates.OsTpl],
            attributes: [new AttributeDefinition("org.example.a", required: true), new AttributeDefinition("org.example.b", mutable: false)], isUserDefined: true);
        TextRendering rendering = flavour == Flavour.Plain ? PlainText : OcciText;
        var (body, headers) = Render(rendering, (r, o) => r.RenderCategories([tag], Context, o));
        var parsed = (flavour == Flavour.Plain ? ParsePlain(body) : ReparseOcci(headers, body)).Mixins.Single();
        Assert.That((parsed.Id, parsed.Title, parsed.Location, parsed.IsUserDefined), Is.EqualTo((tag.Id, tag.Title, Context.Absolute("/my_stuff/"), true)));
        Assert.That(parsed.Depends.Select(d => d.Id), Is.EqualTo(new[] { Templates.OsTpl.Id }));
        Assert.That(parsed.Attributes.Select(a => (a.Name, a.Mutable, a.Required)), Is.EqualTo(tag.Attributes.Select(a => (a.Name, a.Mutable, a.Required))));
    }

    [Test]
    public void Text_plain_body_is_utf8() =>
        Assert.That(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(Render(PlainText, (r, o) => r.RenderEntity(SampleEntity(Compute.Kind), Context, o)).Body)), Does.Contain("ü"));
}
