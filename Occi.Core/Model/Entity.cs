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
}
