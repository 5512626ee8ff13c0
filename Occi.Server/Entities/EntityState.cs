using Occi.Core.Model;
using Occi.Infrastructure.States;

namespace Occi.Server.Entities;

/// <summary>An entity's state attribute, as its kind's state machine names it (occi.compute.state, …).</summary>
internal static class EntityState
{
    /// <summary>The state, or null when the kind has no state machine or the entity no state.</summary>
    public static string? Of(Entity e) =>
        StateMachines.StateAttributeOf(e.Kind) is { } a ? e.Attributes.GetString(a) : null;

    /// <summary>
    /// The backend no longer has it: report the resource in error rather than pretend. Returns false when
    /// there was nothing to change (no state attribute, or already in error).
    /// </summary>
    public static bool MarkVanished(Entity entity)
    {
        if (StateMachines.StateAttributeOf(entity.Kind) is not { } stateAttribute || entity.Attributes.GetString(stateAttribute) == "error") return false;
        entity.Attributes[stateAttribute] = "error";
        entity.Attributes[stateAttribute + ".message"] = "the backend no longer has this resource";
        return true;
    }
}
