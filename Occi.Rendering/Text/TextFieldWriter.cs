using System.Globalization;
using Occi.Core.Attributes;

namespace Occi.Rendering.Text;

/// <summary>
/// Where the text rendering writes its structures: body lines (text/plain) or header values (text/occi).
/// One model walk (<see cref="TextModelWalk"/>) drives both.
/// </summary>
internal abstract class TextFieldWriter
{
    /// <summary>Starts one value of a rendering structure ("Category", "Link", …).</summary>
    public abstract void Begin(string structure);

    /// <summary>Writes characters as they are (names, URIs, punctuation).</summary>
    public abstract void Write(ReadOnlySpan<char> text);

    /// <summary>Ends the value started by <see cref="Begin"/>.</summary>
    public abstract void End();

    /// <summary>text/occi values are HTTP header values, which must stay ASCII.</summary>
    protected abstract bool EscapesNonAscii { get; }

    /// <summary>A quoted-string: '"' and '\' escaped (RFC 2616 quoted-pair), control characters as \n \r \t \uXXXX.</summary>
    public void WriteQuoted(ReadOnlySpan<char> value)
    {
        Write("\"");
        WriteEscaped(value);
        Write("\"");
    }

    /// <summary>The inside of a quoted-string.</summary>
    public void WriteEscaped(ReadOnlySpan<char> value)
    {
        var run = 0;
        Span<char> escape = stackalloc char[6];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var needs = c is '"' or '\\' || c < ' ' || c == '\u007f' || (EscapesNonAscii && c > '\u007e');
            if (!needs) continue;
            if (i > run) Write(value[run..i]);
            run = i + 1;
            switch (c)
            {
                case '"': Write("\\\""); break;
                case '\\': Write("\\\\"); break;
                case '\n': Write("\\n"); break;
                case '\r': Write("\\r"); break;
                case '\t': Write("\\t"); break;
                default:
                    escape[0] = '\\';
                    escape[1] = 'u';
                    ((int)c).TryFormat(escape[2..], out _, "X4", CultureInfo.InvariantCulture);
                    Write(escape);
                    break;
            }
        }
        if (run < value.Length) Write(value[run..]);
    }

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
                Write(buffer[..n]);
                break;
            case AttributeValueKind.Number when double.IsFinite(value.AsNumber):
                value.AsNumber.TryFormat(buffer, out var m, "R", CultureInfo.InvariantCulture);
                Write(buffer[..m]);
                if (buffer[..m].IndexOfAny('.', 'E') < 0) Write(".0"); // stays a Number when parsed back
                break;
            case AttributeValueKind.Boolean:
                Write(value.AsBoolean ? "true" : "false");
                break;
            default: // NaN/∞, arrays and objects have no text form in GFD.185: their plain text, quoted
                WriteQuoted(value.ToString());
                break;
        }
    }
}
