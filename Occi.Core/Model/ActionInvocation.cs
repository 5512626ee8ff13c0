using Occi.Core.Attributes;

namespace Occi.Core.Model;

/// <summary>An action request: which action (by identity) and the attribute values it was given.</summary>
public sealed class ActionInvocation
{
    public ActionInvocation(CategoryId action, AttributeBag? attributes = null)
    {
        Action = action;
        Attributes = attributes ?? new AttributeBag();
    }

    public CategoryId Action { get; }
    public AttributeBag Attributes { get; }
}
