using System.Text;

namespace Occi.Rendering.Text;

/// <summary>
/// text/occi: each structure becomes one response header whose values are comma-separated (GFD.185 §3.6.1
/// recommends the comma-separated form "for best interoperability"); the body is "OK".
/// </summary>
internal sealed class HeaderFieldWriter : TextFieldWriter
{
    private readonly List<KeyValuePair<string, StringBuilder>> _headers = [];
    private StringBuilder? _current;

    protected override bool EscapesNonAscii => true;

    public override void Begin(string structure)
    {
        _current = null;
        foreach (var (name, value) in _headers)
            if (ReferenceEquals(name, structure) || name == structure) _current = value.Append(", ");
        if (_current is null)
        {
            _current = new StringBuilder();
            _headers.Add(new(structure, _current));
        }
    }

    public override void Write(ReadOnlySpan<char> text)
    {
        if (_current is null) return;
        if (!text.ContainsAnyExceptInRange(' ', '~'))
        {
            _current.Append(text);
            return;
        }
        // Outside quoted strings only URIs carry such characters: percent-encode them (RFC 3986 §2.1),
        // since a header value must stay printable ASCII.
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is >= ' ' and <= '~') { _current.Append((char)rune.Value); continue; }
            var n = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..n]) _current.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public override void End() => _current = null;

    /// <summary>Moves the collected headers into the output.</summary>
    public void CopyTo(RenderOutput output)
    {
        foreach (var (name, value) in _headers) output.Headers.Add(new(name, value.ToString()));
    }
}
