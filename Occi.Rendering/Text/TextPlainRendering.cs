using System.Buffers;
using Occi.Core.Model;
using Occi.Rendering.Text.Grammar;

namespace Occi.Rendering.Text;

/// <summary>
/// GFD.185 §3.6.1 text/plain: the rendering structures as lines of the body. Also serves OCCI 1.2's
/// text/occi+plain, which is the same rendering under another name: <c>new TextPlainRendering(TextPlainRendering.OcciPlainMediaType)</c>.
/// </summary>
public sealed class TextPlainRendering : TextRendering, ICollectionStreaming
{
    public const string PlainMediaType = "text/plain";
    public const string OcciPlainMediaType = "text/occi+plain";

    public TextPlainRendering() : this(PlainMediaType) { }

    public TextPlainRendering(string mediaType)
    {
        if (mediaType is not (PlainMediaType or OcciPlainMediaType))
            throw new ArgumentException($"{mediaType} is not text/plain or text/occi+plain", nameof(mediaType));
        MediaType = mediaType;
    }

    public override string MediaType { get; }

    private protected override void Read(ParseInput input, TextMessage message) => TextSource.ReadBody(input.Body.Span, message);

    private protected override TextFieldWriter Open(RenderOutput output, RenderContext context) => new BodyFieldWriter(output.Body);

    /// <summary>The locations of those entities that have one, in steps.</summary>
    public IEnumerable<int> StreamCollection(IReadOnlyList<Entity> entities, RenderContext context, IBufferWriter<byte> body)
    {
        var w = new BodyFieldWriter(body);
        var stepStart = 0L;
        var paged = entities as IPagedList;
        for (var i = 0; i < entities.Count; i++)
        {
            if (paged is not null && !paged.Holds(i))
            {
                w.Complete();
                stepStart = w.Written;
                yield return i;
            }
            if (entities[i]?.Location is not { } location) continue;
            TextModelWalk.Location(location, context, w);
            if (w.Written - stepStart < ICollectionStreaming.StepBytes) continue;
            w.Complete();
            stepStart = w.Written;
            yield return i + 1;
        }
        w.Complete();
        yield return entities.Count;
    }

    public IEnumerable<int> StreamLocations(IReadOnlyList<string> locations, RenderContext context, IBufferWriter<byte> body)
    {
        var w = new BodyFieldWriter(body);
        var stepStart = 0L;
        for (var i = 0; i < locations.Count; i++)
        {
            TextModelWalk.Location(locations[i], context, w);
            if (w.Written - stepStart < ICollectionStreaming.StepBytes) continue;
            w.Complete();
            stepStart = w.Written;
            yield return i + 1;
        }
        w.Complete();
        yield return locations.Count;
    }
}
