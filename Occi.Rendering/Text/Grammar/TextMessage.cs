using Occi.Core.Attributes;

namespace Occi.Rendering.Text.Grammar;

/// <summary>
/// Everything the four rendering structures of one message said, in arrival order. A message lives for
/// one parse: the request builder copies what it needs out of it. So each thread keeps one and reuses its
/// lists (<see cref="Rent"/>, <see cref="Return"/>): a parse then allocates for its values only.
/// </summary>
internal sealed class TextMessage
{
    /// <summary>Past this many items a list is not worth keeping for the next message.</summary>
    private const int KeptCapacity = 256;

    [ThreadStatic] private static TextMessage? t_spare;

    private readonly List<List<KeyValuePair<string, AttributeValue>>> _attributeLists = [];
    private int _attributeListsInUse;

    public List<CategoryValue> Categories { get; } = [];
    public List<LinkValue> Links { get; } = [];
    public List<KeyValuePair<string, AttributeValue>> Attributes { get; } = [];
    public List<string> Locations { get; } = [];

    /// <summary>This thread's spare message, or a new one.</summary>
    public static TextMessage Rent()
    {
        var message = t_spare ?? new TextMessage();
        t_spare = null;
        return message;
    }

    /// <summary>Gives a message back once nothing refers to its values (its lists, and the lists it lent, are cleared).</summary>
    public static void Return(TextMessage message)
    {
        message.Clear();
        if (message.Categories.Capacity <= KeptCapacity && message.Links.Capacity <= KeptCapacity
            && message.Attributes.Capacity <= KeptCapacity && message.Locations.Capacity <= KeptCapacity && message._attributeLists.Count <= KeptCapacity)
            t_spare = message;
    }

    /// <summary>An empty list for the attributes of one link-value (GFD.185 §3.4.2), lent until the message is cleared.</summary>
    public List<KeyValuePair<string, AttributeValue>> LendAttributeList()
    {
        if (_attributeListsInUse == _attributeLists.Count) _attributeLists.Add([]);
        return _attributeLists[_attributeListsInUse++];
    }

    public void Clear()
    {
        Categories.Clear();
        Links.Clear();
        Attributes.Clear();
        Locations.Clear();
        for (var i = 0; i < _attributeListsInUse; i++) _attributeLists[i].Clear();
        _attributeListsInUse = 0;
    }
}
