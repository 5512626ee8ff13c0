using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Rendering.Json;

/// <summary>
/// One JSON object of a request as read, before it is known to be a resource, a link, an action
/// invocation, a category or a collection: the reader is forward-only, the shape shows only at its end.
/// </summary>
internal sealed class JsonObjectDraft(long start)
{
    /// <summary>Byte offset of the object's '{', for error positions.</summary>
    public long Start { get; } = start;

    /// <summary>Members already read (bits of <see cref="JsonMember"/>), to refuse duplicates.</summary>
    public uint Seen;

    public CategoryId? Kind, Action, Parent;
    public List<CategoryId>? MixinIds, ActionIds, KindIds, Depends, Applies;
    public List<JsonObjectDraft>? MixinObjects, ActionObjects, KindObjects, Resources, Links;
    public List<string>? LinkLocations;
    public AttributeBag? Attributes;
    public string? Id, Title, Summary, Location, Term, Scheme;
    public JsonLinkEnd? Source, Target;

    public bool IsEntity => Kind is not null || Id is not null || Source is not null || Target is not null;
    public bool IsCategory => Term is not null || Scheme is not null;
    public bool HasCategoryObjects => KindObjects is not null || MixinObjects is not null || ActionObjects is not null;
}

/// <summary>A link's source or target: the schema's kinded_uri {"location", "kind"}.</summary>
internal readonly record struct JsonLinkEnd(string? Location, CategoryId? Kind);

/// <summary>The members the rendering knows; anything else is skipped.</summary>
internal enum JsonMember
{
    Kind, Mixins, Actions, Kinds, Attributes, Id, Title, Summary, Location, Term, Scheme, Parent,
    Source, Target, SourceType, TargetType, Resources, Links, Action, Depends, Applies, Other,
}
