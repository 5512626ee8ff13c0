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

    public static OcciRequest Build(TextMessage message, CategorySnapshot model)
    {
        var request = new OcciRequest();
        CategoryId? kind = null;
        CategoryId? action = null;
        var mixinCount = 0;
        var tagsOnly = true; // every named mixin is a definition (query interface), not an entity's mixin
        var defines = false; // some category carries what only a definition does (a query interface rendering)

        request.Categories.EnsureCapacity(message.Categories.Count);
        foreach (var category in message.Categories)
        {
            if (!request.Categories.Contains(category.Id)) request.Categories.Add(category.Id);
            defines |= category.Location is not null || category.Attributes.Count > 0 || category.Actions.Count > 0;
            switch (ClassOf(category, model))
            {
                case "kind":
                    kind ??= category.Id;
                    break;
                case "mixin":
                    mixinCount++;
                    if (category.Location is not null) request.Mixins.Add(MixinDefinition(category, model));
                    else tagsOnly = false;
                    break;
                case "action":
                    action ??= category.Id;
                    break;
            }
        }

        if (defines) request.Definitions = TextDefinitions.Build(message.Categories, model);

        request.Attributes.EnsureCapacity(message.Attributes.Count);
        foreach (var (name, value) in message.Attributes) request.Attributes[name] = value;
        request.Locations.AddRange(message.Locations);
        if (action is { } a) request.Action = new ActionInvocation(a, request.Attributes.Clone());

        var describesEntity = kind is not null
            || (action is null && (message.Attributes.Count > 0 || message.Links.Count > 0 || (mixinCount > 0 && !tagsOnly)));
        if (describesEntity) request.Entities.Add(BuildEntity(kind ?? default, message, model));
        return request;
    }

    private static string? ClassOf(CategoryValue category, CategorySnapshot model) =>
        category.Class ?? model.Find(category.Id)?.ClassName;

    private static Entity BuildEntity(CategoryId kind, TextMessage message, CategorySnapshot model)
    {
        var isLink = kind != default && (model.IsLinkKind(kind)
            || (model.FindKind(kind) is null && Names(message.Attributes, Link.SourceAttribute) && Names(message.Attributes, Link.TargetAttribute)));
        Entity entity = isLink ? new Link() : new Resource();
        var attributes = Fill(entity.Attributes, message.Attributes);
        if (entity is Link link) TakeLinkEnds(link, attributes);
        entity.Kind = kind;
        // The entity's mixins: every category of class mixin, once each, in order.
        foreach (var category in message.Categories)
            if (ClassOf(category, model) == "mixin" && !entity.Mixins.Contains(category.Id)) entity.Mixins.Add(category.Id);
        entity.Id = TakeString(attributes, Entity.IdAttribute) ?? "";
        // Action links name the entity's actions (GFD.185 §3.4.3); the other Link values of a resource are its links (§3.4.2).
        foreach (var value in message.Links)
        {
            if (value.IsActionLink)
            {
                if (!entity.Actions.Contains(value.Rel[0])) entity.Actions.Add(value.Rel[0]);
            }
            else if (entity is Resource resource) resource.Links.Add(InlineLink(value));
        }
        return entity;
    }

    private static bool Names(List<KeyValuePair<string, AttributeValue>> attributes, string name)
    {
        foreach (var (n, _) in attributes)
            if (string.Equals(n, name, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>The attributes as given into <paramref name="bag"/> (a later value of a name replaces an earlier one), grown once.</summary>
    private static AttributeBag Fill(AttributeBag bag, IReadOnlyList<KeyValuePair<string, AttributeValue>> items)
    {
        bag.EnsureCapacity(items.Count);
        for (var i = 0; i < items.Count; i++) bag[items[i].Key] = items[i].Value;
        return bag;
    }

    /// <summary>GFD.185 §3.4.2: a Link header of a resource rendering is one of its links.</summary>
    private static Link InlineLink(LinkValue value)
    {
        var link = new Link
        {
            Target = value.Target,
            TargetKind = value.Rel.Count > 0 ? value.Rel[0] : null,
            Location = value.Self,
            Kind = value.Categories.Count > 0 ? value.Categories[0] : CoreCategories.Link.Id,
        };
        for (var i = 1; i < value.Categories.Count; i++) link.Mixins.Add(value.Categories[i]);
        var attributes = Fill(link.Attributes, value.Attributes);
        link.Id = TakeString(attributes, Entity.IdAttribute) ?? "";
        TakeLinkEnds(link, attributes);
        link.Target = value.Target; // the <URI-Reference> is the target, whatever an attribute repeats
        return link;
    }

    private static void TakeLinkEnds(Link link, AttributeBag attributes)
    {
        link.Source = TakeString(attributes, Link.SourceAttribute) ?? "";
        link.Target = TakeString(attributes, Link.TargetAttribute) ?? "";
        if (attributes.TryGet(Link.SourceKindAttribute, out var sk) && sk.IsString && CategoryId.TryParse(sk.AsString, out var sourceKind))
        {
            link.SourceKind = sourceKind;
            attributes.Remove(Link.SourceKindAttribute);
        }
        if (attributes.TryGet(Link.TargetKindAttribute, out var tk) && tk.IsString && CategoryId.TryParse(tk.AsString, out var targetKind))
        {
            link.TargetKind = targetKind;
            attributes.Remove(Link.TargetKindAttribute);
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
        // Nothing to look up for what the value does not name (a known mixin rendered with its location names none of these).
        var depends = category.Rel.Count == 0 ? null : category.Rel.Select(id => model.FindMixin(id) ?? new Mixin(id.Scheme, id.Term)).ToArray();
        var attributes = category.Attributes.Count == 0 ? null : category.Attributes
            .DistinctBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => new AttributeDefinition(a.Name, mutable: !a.Immutable, required: a.Required));
        var actions = category.Actions.Count == 0 ? null : category.Actions.Select(id => model.FindAction(id) ?? new OcciAction(id.Scheme, id.Term));
        return new Mixin(category.Id.Scheme, category.Id.Term, category.Title, category.Location, depends,
            attributes: attributes, actions: actions, isUserDefined: true);
    }
}
