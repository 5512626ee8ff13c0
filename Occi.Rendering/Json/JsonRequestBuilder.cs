using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Rendering.Json;

/// <summary>
/// Decides what a read body is and fills an <see cref="OcciRequest"/>: an action invocation ("action"),
/// one entity ("kind", "id", "source", "target", or bare "attributes"), one category definition ("term"/"scheme"), or else a
/// collection / model ("resources", "links", "kinds", "mixins", "actions").
/// </summary>
internal sealed class JsonRequestBuilder(ReadOnlyMemory<byte> input, CategorySnapshot model)
{

    private readonly OcciRequest _request = new();

    public OcciRequest Locations(List<string> locations)
    {
        _request.Locations.AddRange(locations);
        return _request;
    }

    public OcciRequest Build(JsonObjectDraft d)
    {
        if (d.Action is { } action)
        {
            if (d.IsEntity || d.IsCategory) throw Fail(d, "an action invocation carries only 'action' and 'attributes'");
            var attributes = new AttributeBag();
            Fill(attributes, d.Attributes, skip: null);
            _request.Action = new ActionInvocation(action, attributes);
            _request.Categories.Add(action);
            Fill(_request.Attributes, d.Attributes, skip: null);
        }
        else if (d.IsEntity || (d.Attributes is not null && d.Resources is null && !d.HasCategoryObjects && !d.IsCategory))
        {
            // Attributes without a kind: an update of the entity at the request's path (Kind stays default).
            Fill(_request.Attributes, d.Attributes, skip: null);
            var entity = ToEntity(d, parent: null);
            _request.Entities.Add(entity);
            NameCategories(entity);
        }
        else if (d.IsCategory)
        {
            // A single category object is a user mixin definition (the query interface's POST).
            var resolver = new JsonCategoryResolver(model, this, userDefined: true);
            var mixin = resolver.Mixin(d);
            _request.Mixins.Add(mixin);
            _request.Categories.Add(mixin.Id);
        }
        else BuildCollection(d);
        return _request;
    }

    /// <summary>Categories, definitions and entities of a collection or a model body.</summary>
    private void BuildCollection(JsonObjectDraft d)
    {
        if (d.HasCategoryObjects)
        {
            var parsed = new JsonCategoryResolver(model, this, userDefined: true).Resolve(d);
            foreach (var k in parsed.Kinds) AddCategory(k.Id);
            foreach (var m in parsed.Mixins) { AddCategory(m.Id); _request.Mixins.Add(m); }
            foreach (var a in parsed.Actions) AddCategory(a.Id);
            _request.Definitions = [.. parsed.Kinds, .. parsed.Mixins, .. parsed.Actions];
        }
        // The schema's category_identifiers: {"kinds": [...], "mixins": [...], "actions": [...]}.
        AddCategories(d.KindIds);
        AddCategories(d.MixinIds);
        AddCategories(d.ActionIds);

        if (d.Resources is { } resources)
            foreach (var r in resources)
            {
                // erocci's collection of bare {"location": ...} objects names resources, it does not describe them.
                if (!r.IsEntity && r.Attributes is null && r.Links is null && r.Location is { } location) _request.Locations.Add(location);
                else AddEntity(ToEntity(r, parent: null, asLink: false));
            }
        if (d.Links is { } links)
            foreach (var l in links)
                AddEntity(ToEntity(l, parent: null, asLink: true));
        if (d.LinkLocations is { } linkLocations) _request.Locations.AddRange(linkLocations);
    }

    private void AddEntity(Entity e)
    {
        _request.Entities.Add(e);
        NameCategories(e);
    }

    private void NameCategories(Entity e)
    {
        if (e.Kind.Scheme is not null) AddCategory(e.Kind);
        foreach (var m in e.Mixins) AddCategory(m);
    }

    private void AddCategories(List<CategoryId>? ids)
    {
        if (ids is null) return;
        foreach (var id in ids) AddCategory(id);
    }

    private HashSet<CategoryId>? _named; // past a handful of categories, so a huge collection stays linear

    private void AddCategory(CategoryId id)
    {
        var categories = _request.Categories;
        if (_named is null && categories.Count == 16) _named = [.. categories];
        if (_named is not null ? _named.Add(id) : !categories.Contains(id)) categories.Add(id);
    }

    /// <summary>Adds the attributes as read, but those named in <paramref name="skip"/> (the entity's properties), growing the bag once.</summary>
    private static void Fill(AttributeBag bag, List<KeyValuePair<string, AttributeValue>>? attributes, string[]? skip)
    {
        if (attributes is null) return;
        bag.EnsureCapacity(bag.Count + attributes.Count);
        foreach (var (name, value) in attributes)
            if (skip is null || Array.IndexOf(skip, name) < 0) bag[name] = value;
    }

    private static readonly string[] ResourceProperties = [Entity.IdAttribute];
    private static readonly string[] LinkProperties = [Entity.IdAttribute, Link.SourceAttribute, Link.TargetAttribute, Link.SourceKindAttribute, Link.TargetKindAttribute];

    private Entity ToEntity(JsonObjectDraft d, Resource? parent, bool? asLink = null)
    {
        if (d.Action is not null || d.IsCategory || d.HasCategoryObjects || d.Resources is not null)
            throw Fail(d, "an entity carries no 'action', 'term', 'scheme', 'kinds' or 'resources'");
        var attributes = d.Attributes;
        var isLink = asLink ?? (parent is not null || d.Source is not null || d.Target is not null
            || Find(attributes, Link.SourceAttribute) >= 0 || Find(attributes, Link.TargetAttribute) >= 0
            || (d.Kind is { } k && ModelVocabulary.Of(model).IsLinkKind(k)));

        Entity entity = isLink ? new Link() : new Resource();
        entity.Kind = d.Kind ?? default;
        if (d.MixinIds is { } mixins) entity.Mixins.AddRange(mixins);
        if (d.ActionIds is { } actions) entity.Actions.AddRange(actions);
        if (d.MixinObjects is not null || d.ActionObjects is not null)
            throw Fail(d, "an entity's 'mixins' and 'actions' are category identifiers");

        // occi.core.id is a property of the entity, not an attribute (Entity.Attributes); "id" wins over it.
        var idAttribute = StringOf(d, attributes, Entity.IdAttribute);
        entity.Id = d.Id ?? idAttribute ?? "";
        entity.Location = d.Location;
        // The entity's own bag, filled once at its final size (less the properties).
        Fill(entity.Attributes, attributes, isLink ? LinkProperties : ResourceProperties);
        if (d.Title is { } title && !entity.Attributes.Contains(Entity.TitleAttribute)) entity.Attributes[Entity.TitleAttribute] = title;

        if (entity is Link link)
        {
            if (d.Links is not null || d.LinkLocations is not null) throw Fail(d, "a link has no 'links'");
            var source = StringOf(d, attributes, Link.SourceAttribute);
            var target = StringOf(d, attributes, Link.TargetAttribute);
            var sourceKind = KindOf(d, attributes, Link.SourceKindAttribute);
            var targetKind = KindOf(d, attributes, Link.TargetKindAttribute);
            // GFD.225 §3.1.2: a link rendered inside a resource without "source" has that resource as its source.
            link.Source = d.Source?.Location ?? source ?? parent?.Location ?? "";
            link.SourceKind = d.Source?.Kind ?? sourceKind ?? (parent is not null && parent.Kind.Scheme is not null ? parent.Kind : null);
            link.Target = d.Target?.Location ?? target ?? "";
            link.TargetKind = d.Target?.Kind ?? targetKind;
        }
        else
        {
            var resource = (Resource)entity;
            if (d.Summary is { } summary && !resource.Attributes.Contains(Resource.SummaryAttribute)) resource.Attributes[Resource.SummaryAttribute] = summary;
            if (d.Links is { } links)
                foreach (var l in links) resource.Links.Add((Link)ToEntity(l, resource, asLink: true));
            if (d.LinkLocations is { } linkLocations) _request.Locations.AddRange(linkLocations);
        }
        return entity;
    }

    private static int Find(List<KeyValuePair<string, AttributeValue>>? attributes, string name)
    {
        if (attributes is null) return -1;
        for (var i = 0; i < attributes.Count; i++)
            if (string.Equals(attributes[i].Key, name, StringComparison.Ordinal)) return i;
        return -1;
    }

    private string? StringOf(JsonObjectDraft d, List<KeyValuePair<string, AttributeValue>>? attributes, string name)
    {
        var i = Find(attributes, name);
        if (i < 0) return null;
        var value = attributes![i].Value;
        return value.IsString ? value.AsString : throw Fail(d, $"attribute '{name}' must be a string");
    }

    private CategoryId? KindOf(JsonObjectDraft d, List<KeyValuePair<string, AttributeValue>>? attributes, string name)
    {
        if (StringOf(d, attributes, name) is not { } identity) return null;
        return CategoryId.TryParse(identity, out var id) ? id : throw Fail(d, $"attribute '{name}' must be a category identifier");
    }

    /// <summary>A parse error at the start of the object it concerns.</summary>
    public OcciParseException Fail(JsonObjectDraft d, string message, Exception? inner = null) =>
        JsonParsePosition.Exception(input.Span, d.Start, message, inner);
}
