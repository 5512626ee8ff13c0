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

    [TestCaseSource(nameof(Renderings))]
    public void A_paged_listing_is_read_only_where_loaded_and_renders_as_the_whole_list(IOcciRendering rendering)
    {
        var entities = Entities(1000);
        Entity[] resources = entities.OfType<Resource>().ToArray(), links = entities.OfType<Link>().ToArray();
        var listing = new EntityListing(new Pages(resources), new Pages(links));
        var whole = new EntityListing(resources.Where((_, i) => !Pages.Gone(i)).ToArray(), links.Where((_, i) => !Pages.Gone(i)).ToArray());
        var body = new ArrayBufferWriter<byte>();

        var loads = 0;
        foreach (var _ in ((ICollectionStreaming)rendering).StreamCollection(listing, Context, body))
        {
            listing.LoadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            loads++;
        }

        Assert.That(Encoding.UTF8.GetString(body.WrittenSpan), Is.EqualTo(Whole(o => rendering.RenderCollection(whole, Context, o))));
        Assert.That(loads, Is.GreaterThanOrEqualTo(entities.Count / Pages.Size));
    }

    /// <summary>A list of which only one page of <see cref="Size"/> can be read at a time; a gone member (every 7th) reads as null.</summary>
    private sealed class Pages(Entity[] items) : IReadOnlyList<Entity>, IPagedList
    {
        public const int Size = 50;

        public static bool Gone(int index) => index % 7 == 3;

        private int _start = -1;
        private int _wanted = -1;

        public int Count => items.Length;

        public Entity this[int index] => index >= _start && index < _start + Size && _start >= 0
            ? (Gone(index) ? null! : items[index])
            : throw new InvalidOperationException($"member {index} read while not loaded");

        public bool Holds(int index)
        {
            if (_start >= 0 && index >= _start && index < _start + Size) return true;
            _wanted = index;
            return false;
        }

        public ValueTask LoadAsync(CancellationToken cancellationToken)
        {
            if (_wanted >= 0) (_start, _wanted) = (_wanted, -1);
            return ValueTask.CompletedTask;
        }

        public IEnumerator<Entity> GetEnumerator() => throw new NotSupportedException();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Test]
    public void Text_occi_does_not_stream_it_renders_into_headers() =>
        Assert.That(new TextOcciRendering(), Is.Not.InstanceOf<ICollectionStreaming>());
}
