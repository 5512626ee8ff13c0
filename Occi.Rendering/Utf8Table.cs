using System.Text;

namespace Occi.Rendering;

/// <summary>
/// Strings looked up by their UTF-8 bytes as they sit in the body: no transcoding, no string built.
/// Built once per model snapshot; read-only afterwards, so safe to share between threads.
/// </summary>
internal sealed class Utf8Table<T>
{
    private readonly Dictionary<int, (byte[] Key, T Value)[]> _buckets = [];

    public void Add(string key, T value)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        var hash = Hash(bytes);
        _buckets[hash] = _buckets.TryGetValue(hash, out var bucket) ? [.. bucket, (bytes, value)] : [(bytes, value)];
    }

    public bool TryGet(ReadOnlySpan<byte> utf8, out T value)
    {
        if (_buckets.TryGetValue(Hash(utf8), out var bucket))
            foreach (var (key, candidate) in bucket)
                if (utf8.SequenceEqual(key))
                {
                    value = candidate;
                    return true;
                }
        value = default!;
        return false;
    }

    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = new HashCode();
        hash.AddBytes(utf8);
        return hash.ToHashCode();
    }
}
