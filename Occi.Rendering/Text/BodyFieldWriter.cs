using System.Buffers;
using System.Text;

namespace Occi.Rendering.Text;

/// <summary>text/plain: each structure value is a body line "Name: value", UTF-8 straight into the body writer.</summary>
internal sealed class BodyFieldWriter(IBufferWriter<byte> body) : TextFieldWriter
{
    protected override bool EscapesNonAscii => false;

    public override void Begin(string structure)
    {
        Write(structure);
        Write(": ");
    }

    public override void Write(ReadOnlySpan<char> text)
    {
        if (!text.IsEmpty) Encoding.UTF8.GetBytes(text, body);
    }

    public override void End() => Write("\n");
}
