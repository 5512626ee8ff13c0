using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Infrastructure.Tests;

/// <summary>One row of a GFD.184/GFD.224 attribute table: name, type, mutability and, for enums, the values.</summary>
public sealed record SpecAttribute(string Name, AttributeType Type, bool Mutable, params string[] EnumValues)
{
    public override string ToString() => Name;

    /// <summary>Differences between this row and the category's definition, empty when they agree.</summary>
    public IEnumerable<string> Mismatches(Category category)
    {
        if (!category.Attributes.TryGet(Name, out var d))
        {
            yield return $"{category.Id} lacks {Name}";
            yield break;
        }
        if (d.Type != Type) yield return $"{Name}: type {d.Type}, spec says {Type}";
        if (d.Mutable != Mutable) yield return $"{Name}: mutable {d.Mutable}, spec says {Mutable}";
        if (Type == AttributeType.Enum && !d.EnumValues.ToHashSet().IsSupersetOf(EnumValues))
            yield return $"{Name}: values {string.Join(",", d.EnumValues)}, spec says {string.Join(",", EnumValues)}";
    }
}
