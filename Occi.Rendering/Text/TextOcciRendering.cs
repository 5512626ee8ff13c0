using System.Buffers;
using Occi.Rendering.Text.Grammar;

namespace Occi.Rendering.Text;

/// <summary>
/// GFD.185 §3.6.1 text/occi: the rendering structures as HTTP headers; "The body MUST contain the string
/// 'OK' on successful operations", so renderings write "OK\n". When a request's body carries structures too
/// (rOCCI sends "Content-Type: text/plain,text/occi" with a text/plain body) they are read after the headers.
/// </summary>
public sealed class TextOcciRendering : TextRendering
{
    public const string OcciMediaType = "text/occi";

    public override string MediaType => OcciMediaType;

    private protected override void Read(ParseInput input, TextMessage message)
    {
        TextSource.ReadHeaders(input.Headers, message);
        var body = input.Body.Span.Trim(" \t\r\n"u8);
        if (!body.IsEmpty && !body.SequenceEqual("OK"u8)) TextSource.ReadBody(input.Body.Span, message);
    }

    private protected override TextFieldWriter Open(RenderOutput output, RenderContext context) => new HeaderFieldWriter(output, context.MaxHeaderFieldBytes);

    private protected override void Complete(TextFieldWriter writer, RenderOutput output)
    {
        writer.Complete();
        output.Body.Write("OK\n"u8);
    }
}
