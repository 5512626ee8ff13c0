using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using static Occi.Rendering.Tests.Text.TextTestSupport;

namespace Occi.Rendering.Tests.Text;

/// <summary>
/// Issue 10 item 5: a resource's Link values name both ends among their attributes, as rOCCI-server renders
/// them (rOCCI shows only a link's attributes), and a client that sends them back that way is understood.
/// </summary>
public sealed class InlineLinkEndsTests
{
    private const string Nic = "category=\"http://schemas.ogf.org/occi/infrastructure#networkinterface\"";

    private static Resource ComputeWithNic(string source)
    {
        var compute = new Resource { Id = "c1", Kind = Compute.Kind.Id, Location = "/compute/c1" };
        compute.Links.Add(new Link { Id = "l1", Kind = NetworkInterface.Kind.Id, Location = "/link/networkinterface/l1", Source = source, Target = BaseUrl + "/network/n1" });
        return compute;
    }

    [Test]
    public void A_link_value_names_source_and_target_as_paths_in_both_flavours()
    {
        var (plain, _) = Render(PlainText, (r, o) => r.RenderEntity(ComputeWithNic("/compute/c1"), Context, o));
        var (_, headers) = Render(OcciText, (r, o) => r.RenderEntity(ComputeWithNic("/compute/c1"), Context, o));
        const string ends = "; occi.core.id=\"l1\"; occi.core.source=\"/compute/c1\"; occi.core.target=\"/network/n1\"";
        Assert.That(plain.Split('\n').Single(l => l.StartsWith("Link: </network/n1>", StringComparison.Ordinal)), Does.EndWith(Nic + ends));
        Assert.That(headers.Single(h => h.Key == "Link").Value, Does.StartWith("</network/n1>").And.Contain(Nic + ends));
    }

    [Test]
    public void A_link_without_a_source_names_the_resource_it_is_rendered_in()
    {
        var (plain, _) = Render(PlainText, (r, o) => r.RenderEntity(ComputeWithNic(""), Context, o));
        Assert.That(plain, Does.Contain("; occi.core.source=\"/compute/c1\"; occi.core.target=\"/network/n1\""));
    }

    [Test]
    public void A_link_value_sent_with_its_ends_as_attributes_parses_to_a_link_with_those_ends_and_no_stray_attributes()
    {
        const string link = "</network/n1>; rel=\"http://schemas.ogf.org/occi/infrastructure#network\"; " + Nic
            + "; occi.core.source=\"http://example.com:8080/compute/c1\"; occi.core.target=\"/network/n1\"; occi.networkinterface.interface=\"eth0\"";
        foreach (var request in new[]
                 {
                     ParsePlain("Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\nLink: " + link),
                     ParseHeaders(("Category", "compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\""), ("Link", link)),
                 })
        {
            var parsed = ((Resource)request.Entities.Single()).Links.Single();
            Assert.That((parsed.Source, parsed.Target), Is.EqualTo(("http://example.com:8080/compute/c1", "/network/n1")));
            Assert.That(parsed.Attributes.Select(a => a.Key), Is.EqualTo(new[] { NetworkInterface.Interface }));
        }
    }

    /// <summary>
    /// A value a user gave that holds a comma is rendered as given, inside its quotes: standard clients read it
    /// back whole. rOCCI-cli cannot (it splits on every comma), and nothing can be escaped for it (README).
    /// </summary>
    [Test]
    public void A_user_value_with_a_comma_is_rendered_as_given_in_text_occi_and_parses_back_whole()
    {
        var compute = new Resource { Id = "c1", Kind = Compute.Kind.Id, Location = "/compute/c1", Title = "web, db" };
        var (body, headers) = Render(OcciText, (r, o) => r.RenderEntity(compute, Context, o));
        Assert.That(headers.Single(h => h.Key == "X-OCCI-Attribute").Value, Is.EqualTo("occi.core.id=\"c1\", occi.core.title=\"web, db\""));
        Assert.That(ReparseOcci(headers, body).Attributes[Entity.TitleAttribute].AsString, Is.EqualTo("web, db"));
    }
}
