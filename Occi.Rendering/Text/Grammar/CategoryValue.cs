using Occi.Core.Model;

namespace Occi.Rendering.Text.Grammar;

/// <summary>One attribute of a Category's attributes="…" list, with its properties (GFD.185 §3.4.1).</summary>
internal readonly record struct AttributeSpec(string Name, bool Immutable, bool Required);

/// <summary>One category-value of a Category header (GFD.185 §3.4.1), as written. A struct: a message holds them in a reused list.</summary>
internal readonly record struct CategoryValue(
    CategoryId Id,
    string? Class,
    string? Title,
    IReadOnlyList<CategoryId> Rel,
    string? Location,
    IReadOnlyList<AttributeSpec> Attributes,
    IReadOnlyList<CategoryId> Actions);
