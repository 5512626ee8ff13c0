using System.Buffers;
using System.Text;
using Occi.Core;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Infrastructure;
using Occi.Rendering.UriList;

namespace Occi.Rendering.Tests.UriList;

/// <summary>text/uri-list (RFC 2483 §5): collections and locations as absolute URLs, one per CRLF line.</summary>
public sealed class UriListRenderingTests
{
    private static readonly CategorySnapshot Model = new CategoryRegistry(InfrastructureModel.All).Current;
    private static readonly RenderContext Context = new(Model, "http://example.org:8080");
    private static readonly UriListRendering UriList = new();

    private static string Render(Action<RenderOutput> render)
    {
        var buffer = new ArrayBufferWriter<byte>();
        render(new RenderOutput(buffer));
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static OcciRequest Parse(string body) => UriList.Parse(ParseInput.FromBody(Encoding.UTF8.GetBytes(body)), Model);

    [Test]
    public void Collection_renders_absolute_locations_one_per_crlf_line()
    {
        Entity[] entities =
        [
            new Resource { Location = "/compute/1" },
            new Link { Location = "http://other.example/link/2" },
            new Resource(), // not yet placed: no line
        ];
        Assert.That(Render(o => UriList.RenderCollection(entities, Context, o)),
            Is.EqualTo("http://example.org:8080/compute/1\r\nhttp://other.example/link/2\r\n"));
    }

    [Test]
    public void Locations_render_absolute_one_per_crlf_line()
    {
        Assert.That(Render(o => UriList.RenderLocations(["/compute/1", "/storage/ä"], Context, o)),
            Is.EqualTo("http://example.org:8080/compute/1\r\nhttp://example.org:8080/storage/ä\r\n"));
    }

    [Test]
    public void Ten_thousand_locations_render_line_for_line()
    {
        var locations = Enumerable.Range(0, 10_000).Select(i => i % 1000 == 7 ? $"/compute/vm-é{i}" : $"/compute/vm-{i}").ToArray();
        var expected = string.Concat(locations.Select(l => "http://example.org:8080" + l + "\r\n"));
        Assert.That(Render(o => UriList.RenderLocations(locations, Context, o)), Is.EqualTo(expected));
    }

    [Test]
    public void Empty_collection_renders_an_empty_body()
    {
        Assert.That(Render(o => UriList.RenderCollection([], Context, o)), Is.Empty);
    }

    [Test]
    public void Entity_rendering_is_refused_as_a_bad_request()
    {
        var e = Assert.Throws<OcciException>(() => Render(o => UriList.RenderEntity(new Resource(), Context, o)));
        Assert.That((e!.Kind, e.Message), Is.EqualTo((OcciErrorKind.BadRequest, "text/uri-list renders only collections")));
    }

    [Test]
    public void Category_rendering_is_refused_as_a_bad_request()
    {
        var e = Assert.Throws<OcciException>(() => Render(o => UriList.RenderCategories(Model.Categories, Context, o)));
        Assert.That(e!.Kind, Is.EqualTo(OcciErrorKind.BadRequest));
    }

    [Test]
    public void Error_renders_as_one_comment_line()
    {
        Assert.That(Render(o => UriList.RenderError(404, "no such\r\nthing", o)), Is.EqualTo("# 404 no such thing\r\n"));
    }

    [Test]
    public void Parse_reads_lines_as_locations_skipping_comments_and_blank_lines()
    {
        var request = Parse("# listing\r\nhttp://example.org:8080/compute/1\r\n\r\n/storage/2\nhttp://x/y  \r\n");
        Assert.That(request.Locations, Is.EqualTo(new[] { "http://example.org:8080/compute/1", "/storage/2", "http://x/y" }));
    }

    [Test]
    public void Rendered_list_parses_back_to_the_same_locations()
    {
        var body = Render(o => UriList.RenderLocations(["/compute/1", "/network/2"], Context, o));
        Assert.That(Parse(body).Locations, Is.EqualTo(new[] { "http://example.org:8080/compute/1", "http://example.org:8080/network/2" }));
    }

    [Test]
    public void Line_with_a_space_inside_is_a_parse_error_naming_line_and_column()
    {
        var e = Assert.Throws<OcciParseException>(() => Parse("/ok\r\n/not ok\r\n"));
        Assert.That((e!.Where, e.Column), Is.EqualTo(("line 2", (int?)5)));
    }

    [Test]
    public void Invalid_utf8_is_a_parse_error()
    {
        var e = Assert.Throws<OcciParseException>(() => UriList.Parse(ParseInput.FromBody(new byte[] { (byte)'/', 0xFF, (byte)'\n' }), Model));
        Assert.That(e!.Where, Is.EqualTo("line 1"));
    }

    [Test]
    public void Erocci_bounded_collection_parses_to_its_two_locations()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OcciGateway.sln"))) dir = dir.Parent;
        var path = dir is null ? "" : Path.Combine(dir.FullName, "..", "shared", "fixtures", "erlang-occi", "test", "renderers_SUITE_data", "bounded_collection.uri");
        if (!File.Exists(path)) Assert.Ignore("../shared/fixtures is absent");
        var request = UriList.Parse(ParseInput.FromBody(File.ReadAllBytes(path)), Model);
        Assert.That(request.Locations, Is.EqualTo(new[] { "http://example.org:8080/resource0", "http://example.org:8080/resource1" }));
    }

    [Test]
    public void Random_bytes_give_locations_or_a_parse_exception()
    {
        var random = new Random(20261123);
        for (var i = 0; i < 3000; i++)
        {
            var body = new byte[random.Next(0, 80)];
            random.NextBytes(body);
            try { UriList.Parse(ParseInput.FromBody(body), Model); }
            catch (OcciParseException) { }
            catch (Exception e) { Assert.Fail($"#{i}: {e.GetType().Name}: {e.Message} for {Convert.ToBase64String(body)}"); }
        }
    }

    [Test]
    public void Rendering_declares_its_media_type_and_location_only_collections()
    {
        Assert.That((UriList.MediaType, UriList.RendersCollectionsInFull), Is.EqualTo(("text/uri-list", false)));
    }
}
