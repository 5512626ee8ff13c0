using Occi.Core.Attributes;

namespace Occi.Rendering.Text.Grammar;

/// <summary>Everything the four rendering structures of one message said, in arrival order.</summary>
internal sealed class TextMessage
{
    public List<CategoryValue> Categories { get; } = [];
    public List<LinkValue> Links { get; } = [];
    public List<KeyValuePair<string, AttributeValue>> Attributes { get; } = [];
    public List<string> Locations { get; } = [];
}
