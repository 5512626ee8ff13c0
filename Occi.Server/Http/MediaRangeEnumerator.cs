using System.Globalization;

namespace Occi.Server.Http;

/// <summary>One media range of an Accept or Content-Type list: the type (lower-cased by comparison) and its q-value.</summary>
internal readonly ref struct MediaRange(ReadOnlySpan<char> type, double quality)
{
    public ReadOnlySpan<char> Type { get; } = type;
    public double Quality { get; } = quality;
}

/// <summary>
/// Walks "a/b;q=0.5, c/d" without allocating (RFC 9110 §12.5.1). Parameters other than q are skipped;
/// a malformed q counts as 1 rather than failing the request.
/// </summary>
internal ref struct MediaRangeEnumerator(string header)
{
    private ReadOnlySpan<char> _rest = header;
    private MediaRange _current;

    public readonly MediaRangeEnumerator GetEnumerator() => this;
    public readonly MediaRange Current => _current;

    public bool MoveNext()
    {
        while (!_rest.IsEmpty)
        {
            var comma = _rest.IndexOf(',');
            var item = comma < 0 ? _rest : _rest[..comma];
            _rest = comma < 0 ? [] : _rest[(comma + 1)..];
            var semi = item.IndexOf(';');
            var type = (semi < 0 ? item : item[..semi]).Trim();
            if (type.IsEmpty) continue;
            var q = 1.0;
            var parameters = semi < 0 ? [] : item[(semi + 1)..];
            while (!parameters.IsEmpty)
            {
                var next = parameters.IndexOf(';');
                var p = (next < 0 ? parameters : parameters[..next]).Trim();
                parameters = next < 0 ? [] : parameters[(next + 1)..];
                if (p.Length > 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=' &&
                    double.TryParse(p[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                    q = Math.Clamp(parsed, 0, 1);
            }
            _current = new MediaRange(type, q);
            return true;
        }
        return false;
    }
}
