namespace Occi.Core.Model;

/// <summary>
/// The identity of a category: its scheme concatenated with its term (GFD.183 §4.4.1).
/// Both parts compare case-sensitively; a scheme ends in '#'.
/// </summary>
public readonly record struct CategoryId(string Scheme, string Term)
{
    /// <summary>Scheme + term; built once per id (<see cref="Identities"/>), not on every call.</summary>
    public string Identity => Scheme is null || Term is null ? Scheme + Term : Identities.Of(this);

    /// <summary>Splits "http://x/y#term" at the last '#'. Returns false when there is no '#' or no term.</summary>
    public static bool TryParse(string? identity, out CategoryId id)
    {
        id = default;
        if (string.IsNullOrEmpty(identity)) return false;
        var hash = identity.LastIndexOf('#');
        if (hash <= 0 || hash == identity.Length - 1) return false;
        id = new CategoryId(identity[..(hash + 1)], identity[(hash + 1)..]);
        return true;
    }

    public static CategoryId Parse(string identity) =>
        TryParse(identity, out var id) ? id : throw new FormatException($"'{identity}' is not a category identity (scheme#term)");

    public override string ToString() => Identity;

    /// <summary>
    /// One identity string per category id: every entity stored, journaled and rendered names its kind by identity,
    /// and joining scheme and term each time cost a string per use (issue 13). Bounded, because clients name
    /// categories too: past <see cref="Capacity"/> ids an identity is joined per call again.
    /// </summary>
    private static class Identities
    {
        private const int Capacity = 4096;
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<CategoryId, string> Known = new();
        private static int _count; // ConcurrentDictionary.Count would take every bucket lock

        public static string Of(CategoryId id)
        {
            if (Known.TryGetValue(id, out var identity)) return identity;
            identity = id.Scheme + id.Term;
            if (Volatile.Read(ref _count) < Capacity && Known.TryAdd(id, identity)) Interlocked.Increment(ref _count);
            return identity;
        }
    }
}
