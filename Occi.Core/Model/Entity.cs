using Occi.Core.Attributes;

namespace Occi.Core.Model;

/// <summary>
/// GFD.183 §4.5.1: "The Entity type is an abstract type of the Resource type and the Link type."
/// Plain data: categories are referred to by identity, and validation is a function of
/// (entity, registry) — see <see cref="Validation.EntityValidator"/>.
/// </summary>
public abstract class Entity
{
    public const string IdAttribute = "occi.core.id";
    public const string TitleAttribute = "occi.core.title";

    /// <summary>occi.core.id: unique among the server's entities.</summary>
    public string Id { get; set; } = "";

    public CategoryId Kind { get; set; }

    public List<CategoryId> Mixins { get; } = [];

    /// <summary>Every attribute but occi.core.id (and, for links, occi.core.source/target): those are properties.</summary>
    public AttributeBag Attributes { get; set; } = new();

    /// <summary>The entity's path below the server root, e.g. "/compute/7f3c…". Null until it is placed.</summary>
    public string? Location { get; set; }

    /// <summary>Actions the entity can take now (rendered as action links); filled from the state machine.</summary>
    public List<CategoryId> Actions { get; } = [];

    /// <summary>The backend's own identifier for this entity (a domain UUID, a Nova server id); never rendered.</summary>
    public string? BackendId { get; set; }

    public string? Title
    {
        get => Attributes.GetString(TitleAttribute);
        set => Attributes.Set(TitleAttribute, value is null ? (AttributeValue?)null : AttributeValue.String(value));
    }

    public bool HasCategory(CategoryId id) => Kind == id || Mixins.Contains(id);

    /// <summary>
    /// A copy with every field of this entity (a resource's links copied too) that shares no mutable state
    /// with it: changing one never changes the other. Attribute values and category ids are immutable values,
    /// so copying the lists and the bag's entries is enough.
    /// </summary>
    public abstract Entity Copy();

    /// <summary>The fields every entity has, into a fresh <paramref name="copy"/> of the same type.</summary>
    protected T CopyInto<T>(T copy) where T : Entity
    {
        copy.Id = Id;
        copy.Kind = Kind;
        copy.Location = Location;
        copy.BackendId = BackendId;
        copy.Mixins.AddRange(Mixins);
        var attributes = copy.Attributes; // the copy's own empty bag: filling it saves allocating a clone (store reads copy per GET)
        foreach (var (name, value) in Attributes) attributes[name] = value;
        if (Actions.Count > 0) copy.Actions.AddRange(Actions);
        return copy;
    }
}
