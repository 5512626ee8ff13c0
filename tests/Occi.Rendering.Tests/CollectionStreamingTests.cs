using System.Buffers;
using System.Text;
using System.Text.Json;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Infrastructure;
using Occi.Infrastructure.Kinds;
using Occi.Rendering.Json;
using Occi.Rendering.Json11;
using Occi.Rendering.Text;
using Occi.Rendering.UriList;

namespace Occi.Rendering.Tests;

/// <summary>
/// <see cref="ICollectionStreaming"/>: a listing rendered in steps is the same bytes as the whole rendering,
/// and the steps come about every <see cref="ICollectionStreaming.StepBytes"/>, with everything before each
/// committed to the body, so the server can send it and hold no more than a bound.
/// </summary>
public sealed class CollectionStreamingTests
{
    private static readonly CategorySnapshot Model = new CategoryRegistry(InfrastructureModel.All).Current;
    private static readonly RenderContext Context = new(Model, "http://example.org:8080");

    private static readonly IOcciRendering[] Streaming =
        [new JsonRendering(), new Json11Rendering(), new TextPlainRendering(), new UriListRendering()];

    private static IEnumerable<TestCaseData> Renderings() =>
        Streaming.Select(r => new TestCaseData(r).SetArgDisplayNames(r.GetType().Name));

    private static List<Entity> Entities(int count)
    {
        var list = new List<Entity>(count);
        for (var i = 0; i < count; i++)
        {
            var id = "c" + i;
            var r = new Resource { Kind = Compute.Kind.Id, Id = id, Location = "/compute/" + id, Title = "compute ü " + i };
            r.Attributes[Compute.Cores] = i % 8 + 1;
            list.Add(r);
            if (i % 5 == 0)
                list.Add(new Link
                {
                    Kind = NetworkInterface.Kind.Id, Id = "l" + i, Location = "/link/networkinterface/l" + i,
                    Source = r.Location, SourceKind = Compute.Kind.Id, Target = "/network/n1", TargetKind = Network.Kind.Id,
                });
        }
        return list;
    }

    private static string Whole(Action<RenderOutput> render)
    {
        var buffer = new ArrayBufferWriter<byte>();
        render(new RenderOutput(buffer));
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Runs the steps; returns the body and the bytes each step added.</summary>
    private static (string Body, List<int> StepSizes) Stepped(IEnumerable<int> steps, ArrayBufferWriter<byte> body)
    {
        var sizes = new List<int>();
        var last = 0;
        foreach (var _ in steps)
        {
            sizes.Add(body.WrittenCount - last);
            last = body.WrittenCount;
        }
        return (Encoding.UTF8.GetString(body.WrittenSpan), sizes);
    }

    [TestCaseSource(nameof(Renderings))]
    public void A_collection_in_steps_is_the_whole_rendering_in_pieces_of_about_a_step(IOcciRendering rendering)
    {
        var entities = Entities(3000);
        var body = new ArrayBufferWriter<byte>();

        var (text, sizes) = Stepped(((ICollectionStreaming)rendering).StreamCollection(entities, Context, body), body);

        Assert.That(text, Is.EqualTo(Whole(o => rendering.RenderCollection(entities, Context, o))));
        // Each step ends after the member that reached a step's worth: a step plus one member (under 1 KB here).
        Assert.That(sizes.Max(), Is.LessThan(ICollectionStreaming.StepBytes + 1024));
        Assert.That(sizes.Count, Is.GreaterThanOrEqualTo(text.Length / (ICollectionStreaming.StepBytes + 1024)));
        if (rendering.MediaType == JsonRendering.OcciJson) Assert.That(() => JsonDocument.Parse(text).Dispose(), Throws.Nothing);
    }

    [TestCaseSource(nameof(Renderings))]
    public void Locations_in_steps_are_the_whole_rendering_in_pieces_of_about_a_step(IOcciRendering rendering)
    {
        var locations = Enumerable.Range(0, 5000).Select(i => "/compute/" + i).Append("http://elsewhere.example/storage/ä").ToArray();
        var body = new ArrayBufferWriter<byte>();

        var (text, sizes) = Stepped(((ICollectionStreaming)rendering).StreamLocations(locations, Context, body), body);

        Assert.That(text, Is.EqualTo(Whole(o => rendering.RenderLocations(locations, Context, o))));
        Assert.That(sizes.Max(), Is.LessThan(ICollectionStreaming.StepBytes + 256));
        Assert.That(sizes.Count, Is.GreaterThanOrEqualTo(text.Length / (ICollectionStreaming.StepBytes + 256)));
    }

    [TestCaseSource(nameof(Renderings))]
    public void An_empty_collection_in_steps_is_the_whole_rendering(IOcciRendering rendering)
    {
        var body = new ArrayBufferWriter<byte>();
        var (text, _) = Stepped(((ICollectionStreaming)rendering).StreamCollection([], Context, body), body);
        Assert.That(text, Is.EqualTo(Whole(o => rendering.RenderCollection([], Context, o))));
    }

    [Test]
    public void Text_occi_does_not_stream_it_renders_into_headers() =>
        Assert.That(new TextOcciRendering(), Is.Not.InstanceOf<ICollectionStreaming>());
}
