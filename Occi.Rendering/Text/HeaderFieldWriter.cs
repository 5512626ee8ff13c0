using System.Buffers;
using System.Text;

namespace Occi.Rendering.Text;

/// <summary>
/// text/occi: each structure becomes one response header whose values are comma-separated (GFD.185 §3.6.1
/// recommends the comma-separated form "for best interoperability"); the body is "OK".
/// The walk writes a structure's values one after another, so one pooled character buffer holds the header
/// being built and the only allocation per header is its final string.
/// </summary>
internal sealed class HeaderFieldWriter(RenderOutput output) : TextFieldWriter(escapesNonAscii: true)
{
    private readonly int _firstOwnHeader = output.Headers.Count;
    private char[] _buffer = ArrayPool<char>.Shared.Rent(2048);
    private int _length;
    private string? _structure; // the header being built
    private bool _open;

    public override void Begin(string structure)
    {
        if (_structure is not null && (ReferenceEquals(_structure, structure) || _structure == structure))
            Append(", ");
        else
        {
            Flush();
            _structure = structure;
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

    public override void End() => _open = false;

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

    /// <summary>The header built so far into the output; a structure met again joins its earlier header.</summary>
    private void Flush()
    {
        if (_structure is null) return;
        var value = new string(_buffer, 0, _length);
        var headers = output.Headers;
        var earlier = IndexOfOwnHeader(_structure);
        if (earlier < 0) headers.Add(new(_structure, value));
        else headers[earlier] = new(_structure, headers[earlier].Value + ", " + value);
        _structure = null;
        _length = 0;
    }

    private int IndexOfOwnHeader(string name)
    {
        for (var i = _firstOwnHeader; i < output.Headers.Count; i++)
            if (output.Headers[i].Key == name) return i;
        return -1;
    }
}
