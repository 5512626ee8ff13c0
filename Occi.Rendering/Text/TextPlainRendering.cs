using Occi.Rendering.Text.Grammar;

namespace Occi.Rendering.Text;

/// <summary>
/// GFD.185 §3.6.1 text/plain: the rendering structures as lines of the body. Also serves OCCI 1.2's
/// text/occi+plain, which is the same rendering under another name: <c>new TextPlainRendering(TextPlainRendering.OcciPlainMediaType)</c>.
/// </summary>
public sealed class TextPlainRendering : TextRendering
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
}
