using Occi.Core.Attributes;

namespace Occi.Core.Model;

/// <summary>The three kinds of the OCCI Core model (GFD.183 §4.5, GFD.221 §4.5).</summary>
public static class CoreCategories
{
    public const string Scheme = "http://schemas.ogf.org/occi/core#";

    public static readonly Kind Entity = new(Scheme, "entity", "Entity", attributes:
    [
        new AttributeDefinition(Model.Entity.IdAttribute, AttributeType.String, mutable: false, description: "A unique identifier of the entity"),
        new AttributeDefinition(Model.Entity.TitleAttribute, AttributeType.String, description: "The display name of the entity"),
    ]);

    public static readonly Kind Resource = new(Scheme, "resource", "Resource", Entity, "/resource/",
    [
        new AttributeDefinition(Model.Resource.SummaryAttribute, AttributeType.String, description: "A summarising description of the resource"),
    ]);

    public static readonly Kind Link = new(Scheme, "link", "Link", Entity, "/link/",
    [
        new AttributeDefinition(Model.Link.SourceAttribute, AttributeType.Uri, mutable: false, required: true, description: "The source resource of the link"),
        new AttributeDefinition(Model.Link.TargetAttribute, AttributeType.Uri, mutable: false, required: true, description: "The target resource of the link"),
        new AttributeDefinition(Model.Link.SourceKindAttribute, AttributeType.String, mutable: false, description: "Kind of the source resource (OCCI 1.2)"),
        new AttributeDefinition(Model.Link.TargetKindAttribute, AttributeType.String, mutable: false, description: "Kind of the target resource (OCCI 1.2)"),
    ]);

    public static IReadOnlyList<Category> All { get; } = [Entity, Resource, Link];
}
