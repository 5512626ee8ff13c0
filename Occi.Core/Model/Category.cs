using Occi.Core.Attributes;

namespace Occi.Core.Model;

/// <summary>
/// GFD.183 §4.4.1: "The Category type is the basis of the type identification mechanism used by the
/// OCCI classification system." Kind, Mixin and Action are its three sub-types.
/// Category definitions are immutable once built.
/// </summary>
public abstract class Category
{
    protected Category(string scheme, string term, string? title, IEnumerable<AttributeDefinition>? attributes)
    {
        if (string.IsNullOrEmpty(scheme) || !scheme.EndsWith('#'))
            throw new ArgumentException($"scheme '{scheme}' must end in '#'", nameof(scheme));
        if (string.IsNullOrEmpty(term)) throw new ArgumentException("term must not be empty", nameof(term));
        Id = new CategoryId(scheme, term);
        Title = title;
        Attributes = AttributeDefinitionSet.From(attributes);
    }

    public CategoryId Id { get; }
    public string Scheme => Id.Scheme;
    public string Term => Id.Term;
    public string? Title { get; }

    /// <summary>The attributes this category itself defines (not inherited ones).</summary>
    public AttributeDefinitionSet Attributes { get; }

    /// <summary>"kind", "mixin" or "action": the value of the class parameter in the text rendering.</summary>
    public abstract string ClassName { get; }

    public override string ToString() => Id.Identity;
}
