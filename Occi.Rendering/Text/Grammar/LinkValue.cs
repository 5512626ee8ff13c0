using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Rendering.Text.Grammar;

/// <summary>One link-value of a Link header (GFD.185 §3.4.2 and §3.4.3), as written. A struct: a message holds them in a reused list.</summary>
internal readonly record struct LinkValue(
    string Target,
    IReadOnlyList<CategoryId> Rel,
    string? Self,
    IReadOnlyList<CategoryId> Categories,
    IReadOnlyList<KeyValuePair<string, AttributeValue>> Attributes)
{
    /// <summary>GFD.185 §3.4.3: action-uri = URI "?" "action=" term, rel = the action's type identifier.</summary>
    public bool IsActionLink =>
        Rel.Count == 1 && Self is null && Categories.Count == 0 && Target.Contains("?action=", StringComparison.Ordinal);
}
