using System.Buffers;
using System.Globalization;
using Occi.Core.Attributes;

namespace Occi.Rendering.Text;

/// <summary>
/// Where the text rendering writes its structures: body lines (text/plain) or header values (text/occi).
/// One model walk (<see cref="TextModelWalk"/>) drives both.
/// </summary>
/// <param name="escapesNonAscii">text/occi values are HTTP header values, which must stay ASCII.</param>
internal abstract class TextFieldWriter(bool escapesNonAscii)
{
    // What a quoted-string keeps as it is: printable ASCII but '"' and '\' (text/occi) …
    private static readonly SearchValues<char> PrintableAsciiUnescaped =
        SearchValues.Create(" !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    // … and what it escapes when non-ASCII stays (text/plain): '"', '\', C0 controls and DEL.
    private static readonly SearchValues<char> EscapedControls = SearchValues.Create(
        "\"\\\u007f\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    /// <summary>Starts one value of a rendering structure ("Category", "Link", …).</summary>
    public abstract void Begin(string structure);

    /// <summary>Writes characters as they are (names, URIs, punctuation).</summary>
    public abstract void Write(ReadOnlySpan<char> text);

    /// <summary>Writes printable ASCII the caller vouches for (literals, escaped runs): nothing to check or encode.</summary>
    public virtual void WriteAscii(ReadOnlySpan<char> ascii) => Write(ascii);

    /// <summary>Ends the value started by <see cref="Begin"/>.</summary>
    public abstract void End();

    /// <summary>Hands what was written to the output; the writer is not used afterwards.</summary>
    public abstract void Complete();

    /// <summary>A quoted-string: '"' and '\' escaped (RFC 2616 quoted-pair), control characters as \n \r \t \uXXXX.</summary>
    public void WriteQuoted(ReadOnlySpan<char> value)
    {
        WriteAscii("\"");
        WriteEscaped(value);
        WriteAscii("\"");
    }

    /// <summary>
    /// The inside of a quoted-string, written in runs between the characters that need escaping. When non-ASCII
    /// is escaped (text/occi) the runs are printable ASCII by construction.
    /// </summary>
    public void WriteEscaped(ReadOnlySpan<char> value)
    {
        while (!value.IsEmpty)
        {
            var i = escapesNonAscii ? value.IndexOfAnyExcept(PrintableAsciiUnescaped) : value.IndexOfAny(EscapedControls);
            if (i < 0) break;
            if (i > 0) WriteRun(value[..i]);
            WriteEscape(value[i]);
            value = value[(i + 1)..];
        }
        if (!value.IsEmpty) WriteRun(value);
    }

    private void WriteRun(ReadOnlySpan<char> run)
    {
        if (escapesNonAscii) WriteAscii(run);
        else Write(run);
    }

    private void WriteEscape(char c)
    {
        switch (c)
        {
            case '"': WriteAscii("\\\""); break;
            case '\\': WriteAscii("\\\\"); break;
            case '\n': WriteAscii("\\n"); break;
            case '\r': WriteAscii("\\r"); break;
            case '\t': WriteAscii("\\t"); break;
            default:
                Span<char> escape = ['\\', 'u', Hex(c >> 12), Hex(c >> 8), Hex(c >> 4), Hex(c)];
                WriteAscii(escape);
                break;
        }
    }

    /// <summary>The upper-case hexadecimal digit of the low four bits.</summary>
    private protected static char Hex(int value) => "0123456789ABCDEF"[value & 0xF];

    /// <summary>GFD.185 §3.4.4: strings quoted, numbers and booleans bare.</summary>
    public void WriteValue(AttributeValue value)
    {
        Span<char> buffer = stackalloc char[32];
        switch (value.Kind)
        {
            case AttributeValueKind.String:
                WriteQuoted(value.AsString);
                break;
            case AttributeValueKind.Integer:
                value.AsInteger.TryFormat(buffer, out var n, default, CultureInfo.InvariantCulture);
                WriteAscii(buffer[..n]);
                break;
            case AttributeValueKind.Number when double.IsFinite(value.AsNumber):
                value.AsNumber.TryFormat(buffer, out var m, "R", CultureInfo.InvariantCulture);
                WriteAscii(buffer[..m]);
                if (buffer[..m].IndexOfAny('.', 'E') < 0) WriteAscii(".0"); // stays a Number when parsed back
                break;
            case AttributeValueKind.Boolean:
                WriteAscii(value.AsBoolean ? "true" : "false");
                break;
            default: // NaN/∞, arrays and objects have no text form in GFD.185: their plain text, quoted
                WriteQuoted(value.ToString());
                break;
        }
    }
}
