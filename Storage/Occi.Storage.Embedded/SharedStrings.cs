using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Occi.Storage.Embedded;

/// <summary>
/// One instance of each kind identity, mixin identity and owner the in-memory view holds: a million stored
/// computes share a handful of these, and each decoded copy cost a string per entity. Bounded, because
/// user mixins and owners come from clients: past <see cref="Capacity"/> distinct strings, new ones are
/// kept as they are (correct, only not shared). Never shrinks; the bound caps what it can hold on to.
/// </summary>
internal static class SharedStrings
{
    private const int Capacity = 16_384;
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);

    // Counted here: ConcurrentDictionary.Count takes every bucket lock, too dear on the store's put path.
    // Approximate under races (two adders of one new string may both count it), which only lowers the bound.
    private static int _added;

    [return: NotNullIfNotNull(nameof(value))]
    public static string? Get(string? value)
    {
        if (value is null) return null;
        if (Pool.TryGetValue(value, out var shared)) return shared;
        if (Volatile.Read(ref _added) >= Capacity) return value;
        shared = Pool.GetOrAdd(value, value);
        if (ReferenceEquals(shared, value)) Interlocked.Increment(ref _added);
        return shared;
    }
}
