using Occi.Core;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.Validation;

namespace Occi.Server.Entities;

/// <summary>
/// What an entity becomes by a client's update (POST, GFD.185 §3.4.3 partial) or replacement (PUT): a new
/// entity from the current one, checked against the model. Throws (4xx) what the model forbids; the current
/// entity is left as it was.
/// </summary>
internal static class EntityMerge
{
    /// <summary>The entity with the update's mixins added and attributes set.</summary>
    public static Entity Update(Entity current, Entity update, CategorySnapshot model)
    {
        if (!string.IsNullOrEmpty(update.Id) && update.Id != current.Id)
            throw OcciException.BadRequest($"occi.core.id is immutable: {current.Location} is '{current.Id}', not '{update.Id}'");
        var merged = current.Copy();
        foreach (var m in update.Mixins.Where(m => !merged.Mixins.Contains(m))) merged.Mixins.Add(m);
        AttributeCoercion.Coerce(update.Attributes, model.AttributesOf(current.Kind, merged.Mixins));
        EntityValidator.ValidateUpdate(current, update, model);
        foreach (var (name, value) in update.Attributes) merged.Attributes[name] = value;
        FillDefaultsOfNewMixins(merged, current, model);
        return merged;
    }

    /// <summary>The entity with the replacement's mixins and mutable attributes.</summary>
    public static Entity Replace(Entity current, Entity replacement, CategorySnapshot model)
    {
        var location = current.Location;
        if (replacement.Kind != default && replacement.Kind != current.Kind)
            throw OcciException.BadRequest($"the kind of {location} is {current.Kind}; PUT cannot change it to {replacement.Kind}");
        if (!string.IsNullOrEmpty(replacement.Id) && replacement.Id != current.Id)
            throw OcciException.BadRequest($"occi.core.id is immutable: {location} is '{current.Id}', not '{replacement.Id}'");

        var merged = current.Copy();
        merged.Mixins.Clear();
        merged.Mixins.AddRange(replacement.Mixins);
        AttributeCoercion.Coerce(replacement.Attributes, model.AttributesOf(current.Kind, merged.Mixins));
        replacement.Kind = current.Kind;
        EntityValidator.ValidateUpdate(current, replacement, model);
        // Mutable attributes the client left out are cleared; immutable ones are the server's to keep.
        var definitions = model.AttributesOf(current.Kind, merged.Mixins).ToDictionary(d => d.Name, StringComparer.Ordinal);
        var attributes = new AttributeBag();
        foreach (var (name, value) in current.Attributes)
            if (definitions.TryGetValue(name, out var d) && !d.Mutable) attributes[name] = value;
        foreach (var (name, value) in replacement.Attributes) attributes[name] = value;
        merged.Attributes = attributes;
        FillDefaultsOfNewMixins(merged, current, model);
        EntityValidator.ValidateCreate(merged.Copy(), model);
        return merged;
    }

    private static void FillDefaultsOfNewMixins(Entity merged, Entity current, CategorySnapshot model)
    {
        foreach (var mixinId in merged.Mixins.Where(m => !current.Mixins.Contains(m)))
            if (model.FindMixin(mixinId) is { } mixin)
                foreach (var m in mixin.SelfAndDependencies())
                    foreach (var d in m.Attributes)
                        if (d.Default is { } dflt && !merged.Attributes.Contains(d.Name)) merged.Attributes[d.Name] = dflt;
    }
}
