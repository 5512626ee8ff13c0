using System.Buffers;
using System.Text;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Infrastructure;
using Occi.Rendering.Json;
using Occi.Rendering.Json11;
using Occi.Rendering.Text;

namespace Occi.Rendering.Tests;

/// <summary>
/// OcciRequest.Definitions: a query interface rendering read back as a client reads a server's model (the `occi` client
/// finds kind locations there), in every rendering, and nothing for a message that only names categories.
/// </summary>
public sealed class QueryInterfaceDefinitionsTests
{
    private static readonly CategorySnapshot Model = new CategoryRegistry(InfrastructureModel.All).Current;
    private static readonly RenderContext Context = new(Model, "http://occi.example.org:8080");

    public static IEnumerable<TestCaseData> Renderings()
    {
        yield return new TestCaseData(new TextPlainRendering()).SetArgDisplayNames("text/plain");
        yield return new TestCaseData(new TextOcciRendering()).SetArgDisplayNames("text/occi");
        yield return new TestCaseData(new JsonRendering()).SetArgDisplayNames("application/occi+json 1.2");
        yield return new TestCaseData(new Json11Rendering()).SetArgDisplayNames("application/occi+json 1.1");
    }

    private static OcciRequest RenderedModelReadBack(IOcciRendering rendering)
    {
        var body = new ArrayBufferWriter<byte>();
        var output = new RenderOutput(body);
        rendering.RenderCategories(Model.Categories, Context, output);
        // What a client knows before it has read a model: nothing of the server's.
        var empty = new CategoryRegistry([]).Current;
        return rendering.Parse(new ParseInput(body.WrittenMemory, output.Headers), empty);
    }

    [TestCaseSource(nameof(Renderings))]
    public void Every_kind_reads_back_with_its_location_parent_and_actions(IOcciRendering rendering)
    {
        var definitions = RenderedModelReadBack(rendering).Definitions;
        Assert.That(definitions, Is.Not.Null);
        var kinds = definitions!.OfType<Kind>().ToDictionary(k => k.Id);
        foreach (var kind in Model.Kinds)
        {
            Assert.That(kinds, Does.ContainKey(kind.Id));
            var read = kinds[kind.Id];
            Assert.That(read.Location is null ? null : new Uri(new Uri(Context.BaseUrl), read.Location).AbsolutePath, Is.EqualTo(kind.Location), kind.Id.ToString());
            Assert.That(read.Parent?.Id, Is.EqualTo(kind.Parent?.Id), kind.Id.ToString());
            Assert.That(read.Actions.Select(a => a.Id), Is.EqualTo(kind.Actions.Select(a => a.Id)), kind.Id.ToString());
        }
    }

    [TestCaseSource(nameof(Renderings))]
    public void Templates_read_back_depending_on_os_tpl_and_every_action_as_an_action(IOcciRendering rendering)
    {
        var definitions = RenderedModelReadBack(rendering).Definitions!;
        var mixins = definitions.OfType<Mixin>().ToDictionary(m => m.Id);
        foreach (var mixin in Model.Mixins)
            Assert.That(mixins[mixin.Id].Depends.Select(d => d.Id), Is.EqualTo(mixin.Depends.Select(d => d.Id)), mixin.Id.ToString());
        Assert.That(definitions.OfType<OcciAction>().Select(a => a.Id), Is.EquivalentTo(Model.Actions.Select(a => a.Id)));
    }

    [Test]
    public void A_rOCCI_server_model_reads_with_its_kinds_locations()
    {
        var path = FixturePath("rOCCI-core-4.3.x/spec/occi/parser/text_samples/occi_model_rocci_server.text");
        // The sample's one malformed scheme (its down action's, see FixtureTests) mended, as there.
        var text = File.ReadAllText(path).Replace("network/action#up\";class=\"action\";title=\"Activate", "network/action#\";class=\"action\";title=\"Activate", StringComparison.Ordinal);
        var request = new TextPlainRendering().Parse(ParseInput.FromBody(Encoding.UTF8.GetBytes(text)), Model);
        var compute = request.Definitions!.OfType<Kind>().Single(k => k.Term == "compute");
        Assert.That(compute.Location, Is.EqualTo("/compute/"));
        Assert.That(compute.Parent?.Id.Identity, Is.EqualTo("http://schemas.ogf.org/occi/core#resource"));
        Assert.That(compute.Actions.Select(a => a.Term), Does.Contain("start"));
    }

    [Test]
    public void A_create_request_names_categories_but_defines_none()
    {
        var body = "Category: compute; scheme=\"http://schemas.ogf.org/occi/infrastructure#\"; class=\"kind\"\nX-OCCI-Attribute: occi.compute.cores=2\n";
        var request = new TextPlainRendering().Parse(ParseInput.FromBody(Encoding.UTF8.GetBytes(body)), Model);
        Assert.That(request.Definitions, Is.Null);
        Assert.That(request.Entities, Has.Count.EqualTo(1));
    }

    /// <summary>A file under the nearest shared/fixtures above the tests (Assert.Ignore when there is none).</summary>
    private static string FixturePath(string relative)
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures", relative);
            if (File.Exists(candidate)) return candidate;
        }
        Assert.Ignore("../shared/fixtures is absent");
        return "";
    }
}
