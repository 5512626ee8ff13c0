using System.Runtime.CompilerServices;
using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Rendering.Json;

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
    private readonly HashSet<CategoryId> _linkKinds = [];
    private readonly Utf8Table<CategoryId> _idsUtf8 = new();
    private readonly Utf8Table<string> _namesUtf8 = new();
    private readonly Utf8Table<string> _valuesUtf8 = new();

    /// <summary>Longest value (in UTF-8 bytes, an upper bound of its characters) worth looking up.</summary>
    public const int LongestValue = 32;

    private ModelVocabulary(CategorySnapshot model)
    {
        var ids = new Dictionary<string, CategoryId>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal)
        {
            Entity.IdAttribute, Entity.TitleAttribute, Resource.SummaryAttribute,
            Link.SourceAttribute, Link.TargetAttribute, JsonRequestBuilder.SourceKindAttribute, JsonRequestBuilder.TargetKindAttribute,
        };
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in model.Categories)
        {
            ids.TryAdd(c.Id.Identity, c.Id);
            foreach (var d in c.Attributes)
            {
                names.Add(d.Name);
                foreach (var v in d.EnumValues)
                    if (v.Length <= LongestValue) values.Add(v);
            }
        }
        _values = values.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var (identity, id) in ids) _idsUtf8.Add(identity, id);
        foreach (var name in names) _namesUtf8.Add(name, name);
        foreach (var value in values) _valuesUtf8.Add(value, value);
        foreach (var k in model.Kinds)
            if (model.IsLinkKind(k.Id)) _linkKinds.Add(k.Id);
        _ids = ids.GetAlternateLookup<ReadOnlySpan<char>>();
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
}
