using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Rendering.Text.Grammar;

namespace Occi.Rendering.Text;

/// <summary>
/// Turns what the rendering structures said into an <see cref="OcciRequest"/> (see its doc comments):
/// categories as named; one entity when a kind is named, or when mixins, attributes or links describe a
/// partial update; the action invocation; user mixin definitions (mixins that carry a location).
/// Unknown categories are kept as named: the server validates, the parser only reads.
/// </summary>
internal static class TextRequestBuilder
{
    private const string SourceKindAttribute = "occi.core.source.kind";
    private const string TargetKindAttribute = "occi.core.target.kind";

    public static OcciRequest Build(TextMessage message, CategorySnapshot model)
    {
        var request = new OcciRequest();
        CategoryId? kind = null;
        CategoryId? action = null;
        var mixins = new List<CategoryId>();
        var tagsOnly = true; // every named mixin is a definition (query interface), not an entity's mixin

        foreach (var category in message.Categories)
        {
            if (!request.Categories.Contains(category.Id)) request.Categories.Add(category.Id);
            switch (category.Class ?? model.Find(category.Id)?.ClassName)
            {
                case "kind":
                    kind ??= category.Id;
                    break;
                case "mixin":
                    if (!mixins.Contains(category.Id)) mixins.Add(category.Id);
                    if (category.Location is not null) request.Mixins.Add(MixinDefinition(category, model));
                    else tagsOnly = false;
                    break;
                case "action":
                    action ??= category.Id;
                    break;
            }
        }

        foreach (var (name, value) in message.Attributes) request.Attributes[name] = value;
        request.Locations.AddRange(message.Locations);
        if (action is { } a) request.Action = new ActionInvocation(a, request.Attributes.Clone());

        var describesEntity = kind is not null
            || (action is null && (message.Attributes.Count > 0 || message.Links.Count > 0 || (mixins.Count > 0 && !tagsOnly)));
        if (describesEntity) request.Entities.Add(BuildEntity(kind ?? default, mixins, message, model));
        return request;
    }

    private static Entity BuildEntity(CategoryId kind, List<CategoryId> mixins, TextMessage message, CategorySnapshot model)
    {
        var attributes = new AttributeBag(message.Attributes);
        var isLink = kind != default && (model.IsLinkKind(kind)
            || (model.FindKind(kind) is null && attributes.Contains(Link.SourceAttribute) && attributes.Contains(Link.TargetAttribute)));
        Entity entity;
        if (isLink)
        {
            var link = new Link();
            TakeLinkEnds(link, attributes);
            entity = link;
        }
        else
        {
            var resource = new Resource();
            foreach (var value in message.Links)
                if (!value.IsActionLink) resource.Links.Add(InlineLink(value));
            entity = resource;
        }
        entity.Kind = kind;
        entity.Mixins.AddRange(mixins);
        entity.Id = TakeString(attributes, Entity.IdAttribute) ?? "";
        entity.Attributes = attributes;
        foreach (var value in message.Links)
            if (value.IsActionLink && !entity.Actions.Contains(value.Rel[0])) entity.Actions.Add(value.Rel[0]);
        return entity;
    }

    /// <summary>GFD.185 §3.4.2: a Link header of a resource rendering is one of its links.</summary>
    private static Link InlineLink(LinkValue value)
    {
        var attributes = new AttributeBag(value.Attributes);
        var link = new Link
        {
            Target = value.Target,
            TargetKind = value.Rel.Count > 0 ? value.Rel[0] : null,
            Location = value.Self,
            Kind = value.Categories.Count > 0 ? value.Categories[0] : CoreCategories.Link.Id,
        };
        for (var i = 1; i < value.Categories.Count; i++) link.Mixins.Add(value.Categories[i]);
        link.Id = TakeString(attributes, Entity.IdAttribute) ?? "";
        TakeLinkEnds(link, attributes);
        link.Target = value.Target; // the <URI-Reference> is the target, whatever an attribute repeats
        link.Attributes = attributes;
        return link;
    }

    private static void TakeLinkEnds(Link link, AttributeBag attributes)
    {
        link.Source = TakeString(attributes, Link.SourceAttribute) ?? "";
        link.Target = TakeString(attributes, Link.TargetAttribute) ?? "";
        if (attributes.TryGet(SourceKindAttribute, out var sk) && sk.IsString && CategoryId.TryParse(sk.AsString, out var sourceKind))
        {
            link.SourceKind = sourceKind;
            attributes.Remove(SourceKindAttribute);
        }
        if (attributes.TryGet(TargetKindAttribute, out var tk) && tk.IsString && CategoryId.TryParse(tk.AsString, out var targetKind))
        {
            link.TargetKind = targetKind;
            attributes.Remove(TargetKindAttribute);
        }
    }

    private static string? TakeString(AttributeBag attributes, string name)
    {
        if (!attributes.TryGet(name, out var value)) return null;
        attributes.Remove(name);
        return value.ToString();
    }

    /// <summary>GFD.185 §3.3.1 "Adding a Mixin definition": term, scheme, location; rel names the mixins it depends on.</summary>
    private static Mixin MixinDefinition(CategoryValue category, CategorySnapshot model)
    {
        var depends = category.Rel.Select(id => model.FindMixin(id) ?? new Mixin(id.Scheme, id.Term)).ToArray();
        var attributes = category.Attributes
            .DistinctBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => new AttributeDefinition(a.Name, mutable: !a.Immutable, required: a.Required));
        var actions = category.Actions.Select(id => model.FindAction(id) ?? new OcciAction(id.Scheme, id.Term));
        return new Mixin(category.Id.Scheme, category.Id.Term, category.Title, category.Location, depends,
            attributes: attributes, actions: actions, isUserDefined: true);
    }
}
