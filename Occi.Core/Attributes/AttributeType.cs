namespace Occi.Core.Attributes;

/// <summary>Attribute types of GFD.221 §5.1 (Attribute "type") plus Integer and Enum, which GFD.184 uses.</summary>
public enum AttributeType
{
    String,
    Number,
    Integer,
    Boolean,
    Enum,
    Uri,
    Array,
    Object,
}
