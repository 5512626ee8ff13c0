namespace Occi.Core.Attributes;

/// <summary>What a value is, as it arrived or will be rendered: text renders strings quoted, numbers and booleans bare.</summary>
public enum AttributeValueKind
{
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
}
