using System.Buffers;

namespace Occi.Rendering.Text;

/// <summary>
/// text/occi: each structure becomes one response header whose values are comma-separated (GFD.185 §3.6.1
/// recommends the comma-separated form "for best interoperability"); the body is "OK".
/// The walk writes a structure's values one after another, so one pooled character buffer holds the header
/// being built and the only allocation per header is its final string.
/// One field per structure while it fits <see cref="RenderContext.MaxHeaderFieldBytes"/> (rOCCI-cli 4.3 reads only
/// the first field of a name); a listing beyond it goes on in repeated fields of that name, each within the bound
/// (RFC 9110 §5.3: repeated fields are one comma-separated list), since clients refuse longer header lines.
/// Values are ASCII here (non-ASCII is escaped), so characters are bytes.
/// </summary>
internal sealed class HeaderFieldWriter(RenderOutput output, int maxFieldBytes = RenderContext.DefaultMaxHeaderFieldBytes)
    : TextFieldWriter(escapesNonAscii: true)
{
    private readonly int _firstOwnHeader = output.Headers.Count;
    private readonly int _maxFieldBytes = maxFieldBytes;
    private char[] _buffer = ArrayPool<char>.Shared.Rent(2048);
    private int _length;
    private string? _structure; // the header being built
    private int _separator = -1; // where the ", " before the value being written starts; -1 for the field's first value
    private bool _open;

    public override void Begin(string structure)
    {
        if (_structure is not null && (ReferenceEquals(_structure, structure) || _structure == structure))
        {
            _separator = _length;
            Append(", ");
        }
        else
        {
            Flush();
            _structure = structure;
            _separator = -1;
        }
        _open = true;
    }

    public override void Write(ReadOnlySpan<char> text)
    {
        if (!_open) return;
        if (!text.ContainsAnyExceptInRange(' ', '~'))
        {
            Append(text);
            return;
        }
        // Outside quoted strings only URIs carry such characters: percent-encode them (RFC 3986 §2.1),
        // since a header value must stay printable ASCII.
        Span<byte> utf8 = stackalloc byte[4];
        Span<char> encoded = stackalloc char[3];
        encoded[0] = '%';
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is >= ' ' and <= '~')
            {
                Append([(char)rune.Value]);
                continue;
            }
            foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
            {
                encoded[1] = Hex(b >> 4);
                encoded[2] = Hex(b);
                Append(encoded);
            }
        }
    }

    public override void WriteAscii(ReadOnlySpan<char> ascii)
    {
        if (_open) Append(ascii);
    }

    public override void End()
    {
        _open = false;
        if (_separator >= 0 && FieldBytes(_structure!, _length) > _maxFieldBytes) SplitBeforeLastValue();
    }

    private static int FieldBytes(string name, int valueLength) => name.Length + 2 + valueLength; // "Name: value"

    /// <summary>The values before the last one become a field; the last one starts the next field of the same name.</summary>
    private void SplitBeforeLastValue()
    {
        Emit(_structure!, new string(_buffer, 0, _separator));
        var next = _separator + 2;
        _buffer.AsSpan(next, _length - next).CopyTo(_buffer);
        _length -= next;
        _separator = -1;
    }

    public override void Complete()
    {
        Flush();
        ArrayPool<char>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (_buffer.Length - _length < text.Length)
        {
            var grown = ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + text.Length));
            _buffer.AsSpan(0, _length).CopyTo(grown);
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = grown;
        }
        text.CopyTo(_buffer.AsSpan(_length));
        _length += text.Length;
    }

    /// <summary>The header built so far into the output.</summary>
    private void Flush()
    {
        if (_structure is null) return;
        Emit(_structure, new string(_buffer, 0, _length));
        _structure = null;
        _length = 0;
    }

    /// <summary>A field into the output; a structure met again joins its last field when the two fit together.</summary>
    private void Emit(string name, string value)
    {
        var headers = output.Headers;
        var earlier = IndexOfLastOwnHeader(name);
        if (earlier >= 0 && FieldBytes(name, headers[earlier].Value.Length + 2 + value.Length) <= _maxFieldBytes)
            headers[earlier] = new(name, headers[earlier].Value + ", " + value);
        else headers.Add(new(name, value));
    }

    private int IndexOfLastOwnHeader(string name)
    {
        for (var i = output.Headers.Count - 1; i >= _firstOwnHeader; i--)
            if (output.Headers[i].Key == name) return i;
        return -1;
    }
}
