using System.Text.Json.Nodes;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;
using Occi.Tests.Cassettes;
using static Occi.Rendering.Tests.Json.JsonTestSupport;
using static Occi.Rendering.Tests.Json11.Json11TestSupport;

namespace Occi.Rendering.Tests.Json11;

/// <summary>
/// Every rOCCI-api 4.3 occi_json cassette, both ways: what rOCCI sent parses to the entity or action it
/// meant; what the rOCCI-server answered (and rOCCI understood) has the shapes this rendering writes,
/// compared structurally (members, nesting, value kinds), not byte for byte.
/// </summary>
public sealed class Json11CassetteTests
{
    [TestCaseSource(typeof(Cassette), nameof(Cassette.JsonCases))]
    public void What_rOCCI_sends_parses_to_what_it_means(string name)
    {
        foreach (var exchange in Cassette.LoadJson(name).Exchanges.Where(e => e.RequestBody.Length > 0))
        {
            var sent = (JsonObject)JsonNode.Parse(exchange.RequestBody)!;
            var request = Parse11(exchange.RequestBody);
            if (sent["action"] is { } action)
            {
                Assert.That(request.Action?.Action.Identity, Is.EqualTo((string)action!), exchange.ToString());
                Assert.That(exchange.PathAndQuery, Does.EndWith("?action=" + request.Action!.Action.Term));
                continue;
            }
            var resource = (JsonObject)sent["resources"]![0]!;
            Assert.That(request.Entities, Has.Count.EqualTo(1), exchange.ToString());
            var entity = request.Entities[0];
            Assert.That(entity, Is.TypeOf<Resource>());
            Assert.That(entity.Kind.Identity, Is.EqualTo((string)resource["kind"]!));
            Assert.That(exchange.PathAndQuery, Is.EqualTo(Model.FindKind(entity.Kind)!.Location), "rOCCI posts to the kind's location");
            Assert.That(entity.Mixins.Select(m => m.Identity), Is.EqualTo((resource["mixins"] as JsonArray ?? []).Select(m => (string)m!)));
            Assert.That(entity.Id, Is.EqualTo((string)resource["id"]!));
            foreach (var (attribute, value) in Leaves((JsonObject)resource["attributes"]!))
            {
                if (attribute == Entity.IdAttribute) continue; // a property: entity.Id
                Assert.That(entity.Attributes.TryGet(attribute, out var parsed), Is.True, $"{attribute} of {exchange}");
                Assert.That(Describe(parsed), Is.EqualTo(Describe(ValueOf(value!))), attribute);
            }
        }
    }

    [TestCaseSource(typeof(Cassette), nameof(Cassette.JsonCases))]
    public void The_query_interface_has_the_shape_rOCCI_read(string name)
    {
        var answers = Cassette.LoadJson(name).Exchanges.Where(e => e.PathAndQuery == "/-/" && e.AnsweredJson && e.ResponseBody.Length > 0).ToList();
        Assert.That(answers, Is.Not.Empty, "every rOCCI run starts with GET /-/");
        var ours = Render11Node((r, o) => r.RenderCategories(Model.Categories, Context, o));
        foreach (var answer in answers)
        {
            var recorded = (JsonObject)JsonNode.Parse(answer.ResponseBody)!;
            Json11Shape.AssertModelLike(ours, recorded);
        }
    }

    [TestCaseSource(typeof(Cassette), nameof(Cassette.JsonCases))]
    public void Entity_answers_have_the_shape_rOCCI_read(string name)
    {
        foreach (var exchange in Cassette.LoadJson(name).Exchanges.Where(e => e.PathAndQuery != "/-/" && e.AnsweredJson && e.Status == 200))
        {
            var recorded = (JsonObject)JsonNode.Parse(exchange.ResponseBody)!;
            if (recorded.Count == 0)
            {
                // DELETE and actions: rOCCI-server answered an empty collection, {}; rOCCI reads only the status.
                Assert.That(Render11((r, o) => r.RenderCollection([], Context, o)), Is.EqualTo("{}"));
                continue;
            }
            // A listing: read back with this rendering's parser and written again, the same members and values.
            var parsed = Parse11(exchange.ResponseBody);
            Assert.That(parsed.Entities, Has.Count.EqualTo(((JsonArray)recorded["resources"]!).Count), exchange.ToString());
            var ours = Render11Node((r, o) => r.RenderCollection(parsed.Entities, Context, o));
            Json11Shape.AssertCollectionLike(ours, recorded);
        }
    }

    [TestCaseSource(typeof(Cassette), nameof(Cassette.JsonCases))]
    public void Creates_are_answered_with_a_location_rOCCI_and_pyOCNI_read(string name)
    {
        foreach (var exchange in Cassette.LoadJson(name).Exchanges.Where(e => e.Method == "POST" && e.Status == 201))
        {
            Assert.That(exchange.ResponseHeader("Location"), Does.StartWith("https://"), "rOCCI takes the new location from the header");
            var ours = Render11Node((r, o) => r.RenderLocations([exchange.PathAndQuery + "4017"], Context, o));
            Assert.That(ours["Location"]![0]!.GetValue<string>(), Is.EqualTo(BaseUrl + exchange.PathAndQuery + "4017"));
        }
    }

    [Test]
    public void Resource_links_are_rendered_as_their_locations_as_rOCCI_server_did()
    {
        var compute = SampleResource(Compute.Kind, "c1", Templates.OsTpl);
        compute.Links.Add(SampleLink(NetworkInterface.Kind, "nic0", compute, Network.Kind, "/network/n1"));
        var ours = Render11Node((r, o) => r.RenderEntity(compute, Context, o));
        var links = (JsonArray)ours["resources"]![0]!["links"]!;
        Assert.That(links.Select(l => l!.GetValue<string>()), Is.EqualTo(new[] { compute.Links[0].Location }));
    }

    private static AttributeValue ValueOf(JsonNode node) => node.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => AttributeValue.String(node.GetValue<string>()),
        System.Text.Json.JsonValueKind.True => AttributeValue.Boolean(true),
        System.Text.Json.JsonValueKind.False => AttributeValue.Boolean(false),
        _ when node.ToJsonString().Contains('.') => AttributeValue.Number(node.GetValue<double>()),
        _ => AttributeValue.Integer(node.GetValue<long>()),
    };
}
