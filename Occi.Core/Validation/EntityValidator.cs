using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Registry;

namespace Occi.Core.Validation;

/// <summary>
/// Checks an entity against the model: its kind exists and fits (resource vs link), its mixins exist
/// and apply to the kind, every attribute is defined by the kind chain or a mixin, has the right type
/// and pattern, required ones are present on create and immutable ones unchanged on update.
/// Defaults of absent attributes are filled in on create.
/// </summary>
public static class EntityValidator
{
    public static void ValidateCreate(Entity entity, CategorySnapshot model)
    {
        var kind = CheckCategories(entity, model);
        var schema = EntitySchema.Of(model, entity.Kind, entity.Mixins);
        var definitions = schema.Definitions;
        CheckValues(entity, definitions);
        var defaults = schema.Defaults;
        foreach (var d in definitions.Values)
        {
            if (IsStructural(d.Name) || entity.Attributes.Contains(d.Name)) continue;
            if (defaults.TryGetValue(d.Name, out var dflt)) entity.Attributes[d.Name] = dflt;
            else if (d.Required)
                throw OcciException.BadRequest($"attribute '{d.Name}' is required by {OwnerOf(d, entity, model)} and is missing");
        }
        if (entity is Link link)
        {
            if (string.IsNullOrEmpty(link.Source)) throw OcciException.BadRequest($"link of kind {kind.Id} needs occi.core.source");
            if (string.IsNullOrEmpty(link.Target)) throw OcciException.BadRequest($"link of kind {kind.Id} needs occi.core.target");
        }
    }

    /// <summary>
    /// Validates <paramref name="update"/>'s attributes against <paramref name="current"/>: the update may
    /// name mixins to add; attributes it sets must be defined, typed right, and mutable unless unchanged.
    /// </summary>
    public static void ValidateUpdate(Entity current, Entity update, CategorySnapshot model)
    {
        if (update.Kind != default && update.Kind != current.Kind)
            throw OcciException.BadRequest($"the kind of an entity cannot change ({current.Kind} to {update.Kind})");
        var merged = (Entity)(current is Link ? new Link { Kind = current.Kind } : new Resource { Kind = current.Kind });
        merged.Mixins.AddRange(current.Mixins.Union(update.Mixins));
        CheckCategories(merged, model);
        var definitions = EntitySchema.Of(model, merged.Kind, merged.Mixins).Definitions;
        foreach (var (name, value) in update.Attributes)
        {
            if (!definitions.TryGetValue(name, out var d))
                throw OcciException.BadRequest($"attribute '{name}' is not defined by {current.Kind} or its mixins");
            if (d.Check(value) is { } error) throw OcciException.BadRequest(error);
            if (!d.Mutable && !(current.Attributes.TryGet(name, out var old) && old.Equals(value)))
                throw OcciException.BadRequest($"attribute '{name}' is immutable and cannot be changed");
        }
    }

    /// <summary>Checks an action invocation's attributes against the action's definitions.</summary>
    public static void ValidateAction(OcciAction action, ActionInvocation invocation)
    {
        foreach (var (name, value) in invocation.Attributes)
        {
            if (!action.Attributes.TryGet(name, out var d))
                throw OcciException.BadRequest($"attribute '{name}' is not defined by action {action.Id}");
            if (d.Check(value) is { } error) throw OcciException.BadRequest(error);
        }
        foreach (var d in action.Attributes)
            if (d.Required && !invocation.Attributes.Contains(d.Name))
                throw OcciException.BadRequest($"attribute '{d.Name}' is required by action {action.Id}");
    }

    private static Kind CheckCategories(Entity entity, CategorySnapshot model)
    {
        if (entity.Kind == default) throw OcciException.BadRequest("the entity has no kind");
        var kind = model.Find(entity.Kind) switch
        {
            Kind k => k,
            null => throw OcciException.BadRequest($"kind {entity.Kind} is not known to this server"),
            var other => throw OcciException.BadRequest($"{entity.Kind} is a {other.ClassName}, not a kind"),
        };
        if (kind.Location is null) throw OcciException.BadRequest($"kind {kind.Id} is abstract; entities cannot be made of it");
        var isLink = kind.IsOrInherits(CoreCategories.Link.Id);
        if (isLink != entity is Link)
            throw OcciException.BadRequest(isLink ? $"kind {kind.Id} is a link kind; give a source and a target" : $"kind {kind.Id} is not a link kind");
        foreach (var id in entity.Mixins)
        {
            var mixin = model.Find(id) switch
            {
                Mixin m => m,
                null => throw OcciException.BadRequest($"mixin {id} is not known to this server"),
                var other => throw OcciException.BadRequest($"{id} is a {other.ClassName}, not a mixin"),
            };
            if (!mixin.CanApplyTo(kind)) throw OcciException.BadRequest($"mixin {id} does not apply to kind {kind.Id}");
        }
        return kind;
    }

    private static void CheckValues(Entity entity, Dictionary<string, AttributeDefinition> definitions)
    {
        foreach (var (name, value) in entity.Attributes)
        {
            if (!definitions.TryGetValue(name, out var d))
                throw OcciException.BadRequest($"attribute '{name}' is not defined by {entity.Kind} or the mixins given");
            if (d.Check(value) is { } error) throw OcciException.BadRequest(error);
        }
    }

    // Carried as Entity/Link properties rather than in the attribute bag.
    private static bool IsStructural(string name) =>
        name is Entity.IdAttribute or Link.SourceAttribute or Link.TargetAttribute;

    private static string OwnerOf(AttributeDefinition d, Entity e, CategorySnapshot model) =>
        model.Categories.FirstOrDefault(c => c.Attributes.TryGet(d.Name, out var x) && ReferenceEquals(x, d))?.Id.ToString() ?? e.Kind.ToString();
}
