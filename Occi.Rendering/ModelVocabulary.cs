using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Rendering;

/// <summary>
/// The category identities and attribute names a snapshot defines, looked up by characters, so parsing
/// a body that names known categories and attributes allocates no strings for them. One per snapshot.
/// </summary>
internal sealed class ModelVocabulary
{
    private static readonly ConditionalWeakTable<CategorySnapshot, ModelVocabulary> BySnapshot = new();

    private readonly Dictionary<string, CategoryId>.AlternateLookup<ReadOnlySpan<char>> _ids;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _names;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _values;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _titles;
    private readonly HashSet<CategoryId> _linkKinds = [];
    private readonly CategorySnapshot _model;
    private readonly Dictionary<string, IReadOnlyList<CategoryId>>.AlternateLookup<ReadOnlySpan<char>> _alone;
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _locations;
    private int _locationCount;

    /// <summary>Most category locations kept (a server's own, under the few base URLs its clients use).</summary>
    public const int MostLocations = 256;
    private readonly Utf8Table<CategoryId> _idsUtf8 = new();
    private readonly Utf8Table<string> _namesUtf8 = new();
    private readonly Utf8Table<string> _valuesUtf8 = new();

    /// <summary>Longest value (in UTF-8 bytes, an upper bound of its characters) worth looking up.</summary>
    public const int LongestValue = 32;

    private ModelVocabulary(CategorySnapshot model)
    {
        _model = model;
        var ids = new Dictionary<string, CategoryId>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal)
        {
            Entity.IdAttribute, Entity.TitleAttribute, Resource.SummaryAttribute,
            Link.SourceAttribute, Link.TargetAttribute, Link.SourceKindAttribute, Link.TargetKindAttribute,
        };
        var values = new HashSet<string>(StringComparer.Ordinal);
        var titles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in model.Categories)
        {
            ids.TryAdd(c.Id.Identity, c.Id);
            if (c.Title is { Length: <= LongestValue } title) titles.Add(title);
            foreach (var d in c.Attributes)
            {
                names.Add(d.Name);
                foreach (var v in d.EnumValues)
                    if (v.Length <= LongestValue) values.Add(v);
            }
        }
        _values = values.GetAlternateLookup<ReadOnlySpan<char>>();
        _titles = titles.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var (identity, id) in ids) _idsUtf8.Add(identity, id);
        foreach (var name in names) _namesUtf8.Add(name, name);
        foreach (var value in values) _valuesUtf8.Add(value, value);
        foreach (var k in model.Kinds)
            if (model.IsLinkKind(k.Id)) _linkKinds.Add(k.Id);
        _ids = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _locations = new ConcurrentDictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _alone = ids.ToDictionary(p => p.Key, p => (IReadOnlyList<CategoryId>)Array.AsReadOnly([p.Value]), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _names = names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static ModelVocabulary Of(CategorySnapshot model) => BySnapshot.GetValue(model, static m => new ModelVocabulary(m));

    public bool TryGetId(ReadOnlySpan<char> identity, out CategoryId id) => _ids.TryGetValue(identity, out id);

    /// <summary>By the unescaped UTF-8 bytes of a JSON string, as the reader holds them.</summary>
    public bool TryGetId(ReadOnlySpan<byte> identity, out CategoryId id) => _idsUtf8.TryGet(identity, out id);

    public bool TryGetName(ReadOnlySpan<byte> name, out string known) => _namesUtf8.TryGet(name, out known);

    public bool TryGetValue(ReadOnlySpan<byte> value, out string known) => _valuesUtf8.TryGet(value, out known);

    /// <summary>As <see cref="CategorySnapshot.IsLinkKind"/>, without building the identity string.</summary>
    public bool IsLinkKind(CategoryId kind) => _linkKinds.Contains(kind);

    public bool TryGetValue(ReadOnlySpan<char> value, out string known) => _values.TryGetValue(value, out known!);

    public bool TryGetName(ReadOnlySpan<char> name, out string known) => _names.TryGetValue(name, out known!);

    /// <summary>A category title the model holds (the text renderings repeat them in every Category value).</summary>
    public bool TryGetTitle(ReadOnlySpan<char> title, out string known)
    {
        known = null!;
        return title.Length <= LongestValue && _titles.TryGetValue(title, out known!);
    }

    /// <summary>A known category as a one-item read-only list, shared: the text renderings' rel="…", category="…"
    /// and actions="…" nearly always name one.</summary>
    public bool TryGetAlone(ReadOnlySpan<char> identity, out IReadOnlyList<CategoryId> alone) => _alone.TryGetValue(identity, out alone!);

    /// <summary>
    /// The location="…" of a Category value as a string, shared when seen before. The text renderings repeat
    /// a category's location (absolute: base URL and the model's path) in every Category value, and clients
    /// send them back; so the location of a category the model knows, ending in the model's path for it, is
    /// kept (up to <see cref="MostLocations"/>, whatever the base URL).
    /// </summary>
    public string Location(CategoryId id, ReadOnlySpan<char> location)
    {
        if (_locations.TryGetValue(location, out var known)) return known;
        var text = new string(location);
        if (Volatile.Read(ref _locationCount) < MostLocations && _model.Find(id) is { } category
            && CategorySnapshot.LocationOf(category) is { Length: > 0 } path && location.EndsWith(path, StringComparison.Ordinal)
            && _locations.TryAdd(text, text))
            Interlocked.Increment(ref _locationCount);
        return text;
    }
}
