using System.Text.Json;
using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Rendering.Json;

/// <summary>
/// Reads a request body with <see cref="Utf8JsonReader"/> into <see cref="JsonObjectDraft"/>s: one pass,
/// names of known categories and attributes taken from the model's vocabulary without allocating.
/// Every malformed input ends in an <see cref="OcciParseException"/> naming the line and byte.
/// </summary>
internal ref struct JsonBodyReader
{
    /// <summary>Deep enough for collection → resource → links → link → attributes → nested values.</summary>
    public const int MaxDepth = 32;

    private const int StackChars = 256;

    private static readonly string[] MemberNames =
    [
        "kind", "mixins", "actions", "kinds", "attributes", "id", "title", "summary", "location", "term", "scheme", "parent",
        "source", "target", "source.type", "target.type", "resources", "links", "action", "depends", "applies", "",
    ];

    private readonly ReadOnlySpan<byte> _input;
    private readonly ModelVocabulary _vocabulary;
    private readonly JsonDraftPool _drafts;
    private Utf8JsonReader _r;

    public JsonBodyReader(ReadOnlySpan<byte> input, ModelVocabulary vocabulary, JsonDraftPool drafts)
    {
        _input = input;
        _vocabulary = vocabulary;
        _drafts = drafts;
        // Lenient where real clients are: erocci's fixtures carry trailing commas.
        _r = new Utf8JsonReader(input, new JsonReaderOptions
        {
            AllowTrailingCommas = true,
            CommentHandling = JsonCommentHandling.Skip,
            MaxDepth = MaxDepth,
        });
    }

    /// <summary>Where the reader is, for errors raised outside it.</summary>
    public readonly long Position => _r.TokenStartIndex;

    /// <summary>The top-level value: an object (draft) or, per the 1.2 schema's locations.json, an array of strings.</summary>
    public (JsonObjectDraft? Draft, List<string>? Locations) ReadBody()
    {
        Next();
        (JsonObjectDraft?, List<string>?) body = _r.TokenType switch
        {
            JsonTokenType.StartObject => (ReadObject(null), null),
            JsonTokenType.StartArray => (null, ReadLocations()),
            _ => throw Fail("the body must be a JSON object (or an array of locations)"),
        };
        // A second top-level value makes Read throw; reaching the end returns false.
        if (_r.Read()) throw Fail("unexpected content after the JSON value");
        return body;
    }

    private List<string> ReadLocations()
    {
        var locations = new List<string>();
        while (Next() != JsonTokenType.EndArray)
        {
            if (_r.TokenType != JsonTokenType.String) throw Fail("a list of locations holds only strings");
            locations.Add(_r.GetString()!);
        }
        return locations;
    }

    /// <summary>An object; <paramref name="parent"/> is the resource whose "links" hold it.</summary>
    private JsonObjectDraft ReadObject(JsonObjectDraft? parent)
    {
        var d = _drafts.Next(_r.TokenStartIndex);
        while (Next() != JsonTokenType.EndObject)
        {
            var member = MemberOf();
            Next();
            if (member != JsonMember.Other)
            {
                var bit = 1u << (int)member;
                if ((d.Seen & bit) != 0) throw Fail($"member '{MemberNames[(int)member]}' appears twice");
                d.Seen |= bit;
            }
            if (_r.TokenType == JsonTokenType.Null) continue;
            switch (member)
            {
                case JsonMember.Kind: d.Kind = ReadCategoryId(member); break;
                case JsonMember.Action: d.Action = ReadCategoryId(member); break;
                case JsonMember.Parent: d.Rest.Parent = ReadCategoryId(member); break;
                case JsonMember.Mixins: if (ReadCategories(member, d.StartMixinIds()) is { } mixins) d.Rest.MixinObjects = mixins; break;
                case JsonMember.Actions: if (ReadCategories(member, d.StartActionIds()) is { } actions) d.Rest.ActionObjects = actions; break;
                case JsonMember.Kinds: if (ReadCategories(member, d.Rest.KindIds ??= []) is { } kinds) d.Rest.KindObjects = kinds; break;
                case JsonMember.Depends: d.Rest.Depends = ReadIdentifiers(member); break;
                case JsonMember.Applies: d.Rest.Applies = ReadIdentifiers(member); break;
                case JsonMember.Attributes: ReadAttributes(d.StartAttributes(), d.Id); break;
                case JsonMember.Id: d.Id = ReadString(member); break;
                case JsonMember.Title:
                    // erocci renders an absent category title as []: ignore anything but a string.
                    if (_r.TokenType == JsonTokenType.String) d.Title = _r.GetString();
                    else _r.Skip();
                    break;
                case JsonMember.Summary: d.Summary = ReadString(member); break;
                case JsonMember.Location: d.Location = ReadString(member); break;
                case JsonMember.Term: d.Rest.Term = ReadString(member); break;
                case JsonMember.Scheme: d.Rest.Scheme = ReadString(member); break;
                case JsonMember.Source: d.Source = ReadLinkEnd(member, d.Source, parent?.Location); break;
                case JsonMember.Target: d.Target = ReadLinkEnd(member, d.Target, null); break;
                // GFD.225 §3.1.2's table names the kinds of the ends "source.type" and "target.type".
                case JsonMember.SourceType: d.Source = (d.Source ?? default) with { Kind = ReadCategoryId(member) }; break;
                case JsonMember.TargetType: d.Target = (d.Target ?? default) with { Kind = ReadCategoryId(member) }; break;
                case JsonMember.Resources: d.Rest.Resources = ReadObjects(member); break;
                case JsonMember.Links: ReadLinks(d); break;
                default: _r.Skip(); break;
            }
        }
        return d;
    }

    private JsonMember MemberOf()
    {
        if (_r.ValueIsEscaped) return MemberOfEscaped();
        // By length first: one or two comparisons per member instead of a scan of all names.
        var name = _r.ValueSpan;
        return name.Length switch
        {
            2 when name.SequenceEqual("id"u8) => JsonMember.Id,
            4 when name.SequenceEqual("kind"u8) => JsonMember.Kind,
            4 when name.SequenceEqual("term"u8) => JsonMember.Term,
            5 when name.SequenceEqual("title"u8) => JsonMember.Title,
            5 when name.SequenceEqual("links"u8) => JsonMember.Links,
            5 when name.SequenceEqual("kinds"u8) => JsonMember.Kinds,
            6 when name.SequenceEqual("mixins"u8) => JsonMember.Mixins,
            6 when name.SequenceEqual("source"u8) => JsonMember.Source,
            6 when name.SequenceEqual("target"u8) => JsonMember.Target,
            6 when name.SequenceEqual("action"u8) => JsonMember.Action,
            6 when name.SequenceEqual("scheme"u8) => JsonMember.Scheme,
            6 when name.SequenceEqual("parent"u8) => JsonMember.Parent,
            7 when name.SequenceEqual("actions"u8) => JsonMember.Actions,
            7 when name.SequenceEqual("summary"u8) => JsonMember.Summary,
            7 when name.SequenceEqual("depends"u8) => JsonMember.Depends,
            7 when name.SequenceEqual("applies"u8) => JsonMember.Applies,
            8 when name.SequenceEqual("location"u8) => JsonMember.Location,
            9 when name.SequenceEqual("resources"u8) => JsonMember.Resources,
            10 when name.SequenceEqual("attributes"u8) => JsonMember.Attributes,
            11 when name.SequenceEqual("source.type"u8) => JsonMember.SourceType,
            11 when name.SequenceEqual("target.type"u8) => JsonMember.TargetType,
            _ => JsonMember.Other,
        };
    }

    /// <summary>A member name written with escapes ("\u006bind"): compared unescaped, the slow way.</summary>
    private JsonMember MemberOfEscaped()
    {
        for (var i = 0; i < (int)JsonMember.Other; i++)
            if (_r.ValueTextEquals(MemberNames[i])) return (JsonMember)i;
        return JsonMember.Other;
    }

    private string ReadString(JsonMember member)
    {
        if (_r.TokenType != JsonTokenType.String) throw Fail($"'{MemberNames[(int)member]}' must be a string");
        return _r.GetString()!;
    }

    private CategoryId ReadCategoryId(JsonMember member)
    {
        if (_r.TokenType != JsonTokenType.String) throw Fail($"'{MemberNames[(int)member]}' must be a category identifier (scheme#term)");
        string identity;
        if (!_r.ValueIsEscaped)
        {
            if (_vocabulary.TryGetId(_r.ValueSpan, out var known)) return known;
            identity = _r.GetString()!;
        }
        else if (_r.ValueSpan.Length <= StackChars)
        {
            Span<char> buffer = stackalloc char[_r.ValueSpan.Length];
            var n = _r.CopyString(buffer);
            if (_vocabulary.TryGetId(buffer[..n], out var known)) return known;
            identity = new string(buffer[..n]);
        }
        else identity = _r.GetString()!;
        if (!CategoryId.TryParse(identity, out var id)) throw Fail($"'{identity}' is not a category identifier (scheme#term)");
        return id;
    }

    /// <summary>Identifiers go to <paramref name="ids"/>; category objects, if any, are returned.</summary>
    private List<JsonObjectDraft>? ReadCategories(JsonMember member, List<CategoryId> ids)
    {
        ExpectArray(member);
        List<JsonObjectDraft>? objects = null;
        while (Next() != JsonTokenType.EndArray)
        {
            if (_r.TokenType == JsonTokenType.String) ids.Add(ReadCategoryId(member));
            else if (_r.TokenType == JsonTokenType.StartObject) (objects ??= []).Add(ReadObject(null));
            else throw Fail($"'{MemberNames[(int)member]}' holds category identifiers or category objects");
        }
        return objects;
    }

    private List<CategoryId> ReadIdentifiers(JsonMember member)
    {
        ExpectArray(member);
        var ids = new List<CategoryId>(2);
        while (Next() != JsonTokenType.EndArray) ids.Add(ReadCategoryId(member));
        return ids;
    }

    private List<JsonObjectDraft> ReadObjects(JsonMember member)
    {
        ExpectArray(member);
        var list = new List<JsonObjectDraft>();
        while (Next() != JsonTokenType.EndArray)
        {
            if (_r.TokenType != JsonTokenType.StartObject) throw Fail($"'{MemberNames[(int)member]}' holds objects");
            list.Add(ReadObject(null));
        }
        return list;
    }

    /// <summary>Link objects; GFD.225's resource example lists link locations as strings, taken as such.</summary>
    private void ReadLinks(JsonObjectDraft d)
    {
        ExpectArray(JsonMember.Links);
        while (Next() != JsonTokenType.EndArray)
        {
            if (_r.TokenType == JsonTokenType.StartObject) d.StartLinks().Add(ReadObject(d));
            else if (_r.TokenType == JsonTokenType.String) (d.Rest.LinkLocations ??= []).Add(_r.GetString()!);
            else throw Fail("'links' holds link objects or link locations");
        }
    }

    /// <summary>
    /// The schema's kinded_uri object, or a bare location string as GFD.225's link example has it.
    /// A source equal to the enclosing resource's location shares its string.
    /// </summary>
    private JsonLinkEnd ReadLinkEnd(JsonMember member, JsonLinkEnd? earlier, string? parentLocation)
    {
        if (_r.TokenType == JsonTokenType.String) return new JsonLinkEnd(ReadLocation(parentLocation), earlier?.Kind);
        if (_r.TokenType != JsonTokenType.StartObject) throw Fail($"'{MemberNames[(int)member]}' must be an object with a location");
        string? location = null;
        CategoryId? kind = earlier?.Kind;
        while (Next() != JsonTokenType.EndObject)
        {
            var inner = MemberOf();
            Next();
            if (_r.TokenType == JsonTokenType.Null) continue;
            if (inner == JsonMember.Location) location = _r.TokenType == JsonTokenType.String ? ReadLocation(parentLocation) : ReadString(inner);
            else if (inner == JsonMember.Kind) kind = ReadCategoryId(inner);
            else _r.Skip();
        }
        return new JsonLinkEnd(location, kind);
    }

    private string ReadLocation(string? known) =>
        known is not null && _r.ValueTextEquals(known) ? known : _r.GetString()!;

    /// <summary>GFD.225 §3.5: attribute names are opaque keys; values keep their JSON type. null means absent.</summary>
    private void ReadAttributes(List<KeyValuePair<string, AttributeValue>> read, string? id)
    {
        if (_r.TokenType != JsonTokenType.StartObject) throw Fail("'attributes' must be an object");
        HashSet<string>? names = null; // past a handful, so a huge body cannot make duplicate checks quadratic
        while (Next() != JsonTokenType.EndObject)
        {
            var name = ReadAttributeName();
            Next();
            if (_r.TokenType == JsonTokenType.Null) continue;
            if (names is null && read.Count == 16) names = new HashSet<string>(read.Select(kv => kv.Key), StringComparer.Ordinal);
            if (names is not null ? !names.Add(name) : Contains(read, name))
                throw Fail($"attribute '{name}' appears twice");
            // occi.core.id repeats "id" (rendered first): share the string rather than read it twice.
            var value = id is not null && _r.TokenType == JsonTokenType.String && name == Entity.IdAttribute && _r.ValueTextEquals(id)
                ? AttributeValue.String(id)
                : ReadValue(name);
            read.Add(new(name, value));
        }
    }

    private static bool Contains(List<KeyValuePair<string, AttributeValue>> read, string name)
    {
        foreach (var (earlier, _) in read)
            if (string.Equals(earlier, name, StringComparison.Ordinal)) return true;
        return false;
    }

    private string ReadAttributeName()
    {
        string name;
        if (!_r.ValueIsEscaped)
        {
            if (_vocabulary.TryGetName(_r.ValueSpan, out var known)) return known;
            name = _r.GetString()!;
        }
        else if (_r.ValueSpan.Length <= StackChars)
        {
            Span<char> buffer = stackalloc char[_r.ValueSpan.Length];
            var n = _r.CopyString(buffer);
            if (_vocabulary.TryGetName(buffer[..n], out var known)) return known;
            name = new string(buffer[..n]);
        }
        else name = _r.GetString()!;
        if (!AttributeName.IsValid(name)) throw Fail($"'{name}' is not a valid attribute name");
        return name;
    }

    /// <summary>A value of attribute <paramref name="attribute"/> (or of an item or member inside it).</summary>
    private AttributeValue ReadValue(string attribute)
    {
        switch (_r.TokenType)
        {
            case JsonTokenType.String: return AttributeValue.String(ReadStringValue());
            case JsonTokenType.True: return AttributeValue.Boolean(true);
            case JsonTokenType.False: return AttributeValue.Boolean(false);
            case JsonTokenType.Number:
                // An integer literal that fits stays an integer; 2.0 and 1e3 are numbers. One a double cannot hold is refused (NumberRange).
                if (_r.ValueSpan.Length > NumberRange.MaxLiteralLength) throw Fail(NumberRange.OutOfRange(attribute, _r.ValueSpan));
                if (_r.TryGetInt64(out var integer)) return AttributeValue.Integer(integer);
                if (_r.TryGetDouble(out var number) && double.IsFinite(number)) return AttributeValue.Number(number);
                throw Fail(NumberRange.OutOfRange(attribute, _r.ValueSpan));
            case JsonTokenType.StartArray:
                {
                    var items = new List<AttributeValue>();
                    while (Next() != JsonTokenType.EndArray) items.Add(ReadValue(attribute));
                    return AttributeValue.Array(items);
                }
            case JsonTokenType.StartObject:
                {
                    var members = new List<KeyValuePair<string, AttributeValue>>();
                    while (Next() != JsonTokenType.EndObject)
                    {
                        var name = _r.GetString()!;
                        Next();
                        members.Add(new(name, ReadValue(attribute)));
                    }
                    return AttributeValue.Object(members);
                }
            default:
                throw Fail("null is not an attribute value inside an array or object");
        }
    }

    /// <summary>A string value; one the model names (an enum value such as "active") is not allocated again.</summary>
    private string ReadStringValue()
    {
        if (!_r.ValueIsEscaped)
            return _r.ValueSpan.Length <= ModelVocabulary.LongestValue && _vocabulary.TryGetValue(_r.ValueSpan, out var value) ? value : _r.GetString()!;
        if (_r.ValueSpan.Length <= ModelVocabulary.LongestValue)
        {
            Span<char> buffer = stackalloc char[_r.ValueSpan.Length];
            var n = _r.CopyString(buffer);
            return _vocabulary.TryGetValue(buffer[..n], out var known) ? known : new string(buffer[..n]);
        }
        return _r.GetString()!;
    }

    private void ExpectArray(JsonMember member)
    {
        if (_r.TokenType != JsonTokenType.StartArray) throw Fail($"'{MemberNames[(int)member]}' must be an array");
    }

    private JsonTokenType Next()
    {
        if (!_r.Read()) throw Fail("unexpected end of the JSON body");
        return _r.TokenType;
    }

    private readonly OcciParseException Fail(string message) => JsonParsePosition.Exception(_input, _r.TokenStartIndex, message);
}
