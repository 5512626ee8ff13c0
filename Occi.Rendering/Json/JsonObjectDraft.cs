using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Rendering.Json;

/// <summary>
/// One JSON object of a request as read, before it is known to be a resource, a link, an action
/// invocation, a category or a collection: the reader is forward-only, the shape shows only at its end.
/// What entities carry sits here; what only categories and collections carry sits in <see cref="More"/>,
/// allocated when such a member appears, to keep the common entity parse small.
/// </summary>
internal sealed class JsonObjectDraft
{
    /// <summary>Byte offset of the object's '{', for error positions.</summary>
    public long Start { get; private set; }

    /// <summary>Members already read (bits of <see cref="JsonMember"/>), to refuse duplicates.</summary>
    public uint Seen;

    public CategoryId? Kind, Action;
    public string? Id, Title, Summary, Location;
    public JsonLinkEnd? Source, Target;
    public JsonDraftRest? More;

    // Lists kept across uses of a pooled draft; null-means-absent is kept by the flags.
    private List<CategoryId>? _mixinIds, _actionIds;
    private List<JsonObjectDraft>? _links;
    private List<KeyValuePair<string, AttributeValue>>? _attributes;
    private bool _hasMixinIds, _hasActionIds, _hasLinks, _hasAttributes;

    /// <summary>Attributes as read, in order; the builder puts them in the entity's own bag at its final size.</summary>
    public List<KeyValuePair<string, AttributeValue>>? Attributes => _hasAttributes ? _attributes : null;

    public List<CategoryId>? MixinIds => _hasMixinIds ? _mixinIds : null;
    public List<CategoryId>? ActionIds => _hasActionIds ? _actionIds : null;
    public List<JsonObjectDraft>? Links => _hasLinks ? _links : null;

    public List<CategoryId> StartMixinIds() => Begin(ref _mixinIds, ref _hasMixinIds);
    public List<CategoryId> StartActionIds() => Begin(ref _actionIds, ref _hasActionIds);
    public List<JsonObjectDraft> StartLinks() => Begin(ref _links, ref _hasLinks);
    public List<KeyValuePair<string, AttributeValue>> StartAttributes() => Begin(ref _attributes, ref _hasAttributes);

    private static List<T> Begin<T>(ref List<T>? list, ref bool has)
    {
        if (has) return list!;
        has = true;
        list ??= new List<T>(4);
        list.Clear();
        return list;
    }

    /// <summary>Ready for another object; nothing read before survives.</summary>
    public void Reset(long start)
    {
        Start = start;
        Seen = 0;
        Kind = Action = null;
        Id = Title = Summary = Location = null;
        Source = Target = null;
        More = null;
        _hasMixinIds = _hasActionIds = _hasLinks = _hasAttributes = false;
    }

    public JsonDraftRest Rest => More ??= new JsonDraftRest();

    public CategoryId? Parent => More?.Parent;
    public List<CategoryId>? KindIds => More?.KindIds;
    public List<CategoryId>? Depends => More?.Depends;
    public List<CategoryId>? Applies => More?.Applies;
    public List<JsonObjectDraft>? MixinObjects => More?.MixinObjects;
    public List<JsonObjectDraft>? ActionObjects => More?.ActionObjects;
    public List<JsonObjectDraft>? KindObjects => More?.KindObjects;
    public List<JsonObjectDraft>? Resources => More?.Resources;
    public List<string>? LinkLocations => More?.LinkLocations;
    public string? Term => More?.Term;
    public string? Scheme => More?.Scheme;

    public bool IsEntity => Kind is not null || Id is not null || Source is not null || Target is not null;
    public bool IsCategory => Term is not null || Scheme is not null;
    public bool HasCategoryObjects => KindObjects is not null || MixinObjects is not null || ActionObjects is not null;
}

/// <summary>
/// The drafts of one parse, reused by the next parse on the same thread: reading an entity allocates
/// only what the request keeps. Everything taken from a draft is copied out before it goes back.
/// </summary>
internal sealed class JsonDraftPool
{
    [ThreadStatic] private static JsonDraftPool? t_free;

    private readonly List<JsonObjectDraft> _drafts = [];
    private int _used;

    /// <summary>Takes this thread's pool (or a new one when it is in use, say by a nested parse).</summary>
    public static JsonDraftPool Take()
    {
        var pool = t_free ?? new JsonDraftPool();
        t_free = null;
        return pool;
    }

    public static void Give(JsonDraftPool pool)
    {
        // Don't keep the drafts of a huge body alive; a typical request has a handful.
        if (pool._drafts.Count > 64) return;
        pool._used = 0;
        t_free = pool;
    }

    public JsonObjectDraft Next(long start)
    {
        if (_used == _drafts.Count) _drafts.Add(new JsonObjectDraft());
        var d = _drafts[_used++];
        d.Reset(start);
        return d;
    }
}

/// <summary>The members of category definitions, models and collections.</summary>
internal sealed class JsonDraftRest
{
    public CategoryId? Parent;
    public List<CategoryId>? KindIds, Depends, Applies;
    public List<JsonObjectDraft>? MixinObjects, ActionObjects, KindObjects, Resources;
    public List<string>? LinkLocations;
    public string? Term, Scheme;
}

/// <summary>A link's source or target: the schema's kinded_uri {"location", "kind"}.</summary>
internal readonly record struct JsonLinkEnd(string? Location, CategoryId? Kind);

/// <summary>The members the rendering knows; anything else is skipped.</summary>
internal enum JsonMember
{
    Kind, Mixins, Actions, Kinds, Attributes, Id, Title, Summary, Location, Term, Scheme, Parent,
    Source, Target, SourceType, TargetType, Resources, Links, Action, Depends, Applies, Other,
}
