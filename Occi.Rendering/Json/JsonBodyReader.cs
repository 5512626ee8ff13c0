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
    private Utf8JsonReader _r;

    public JsonBodyReader(ReadOnlySpan<byte> input, ModelVocabulary vocabulary)
    {
        _input = input;
        _vocabulary = vocabulary;
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
            JsonTokenType.StartObject => (ReadObject(), null),
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

    private JsonObjectDraft ReadObject()
    {
        var d = new JsonObjectDraft(_r.TokenStartIndex);
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
                case JsonMember.Parent: d.Parent = ReadCategoryId(member); break;
                case JsonMember.Mixins: ReadCategories(member, ref d.MixinIds, ref d.MixinObjects); break;
                case JsonMember.Actions: ReadCategories(member, ref d.ActionIds, ref d.ActionObjects); break;
                case JsonMember.Kinds: ReadCategories(member, ref d.KindIds, ref d.KindObjects); break;
                case JsonMember.Depends: d.Depends = ReadIdentifiers(member); break;
                case JsonMember.Applies: d.Applies = ReadIdentifiers(member); break;
                case JsonMember.Attributes: d.Attributes = ReadAttributes(); break;
                case JsonMember.Id: d.Id = ReadString(member); break;
                case JsonMember.Title:
                    // erocci renders an absent category title as []: ignore anything but a string.
                    if (_r.TokenType == JsonTokenType.String) d.Title = _r.GetString();
                    else _r.Skip();
                    break;
                case JsonMember.Summary: d.Summary = ReadString(member); break;
                case JsonMember.Location: d.Location = ReadString(member); break;
                case JsonMember.Term: d.Term = ReadString(member); break;
                case JsonMember.Scheme: d.Scheme = ReadString(member); break;
                case JsonMember.Source: d.Source = ReadLinkEnd(member, d.Source); break;
                case JsonMember.Target: d.Target = ReadLinkEnd(member, d.Target); break;
                // GFD.225 §3.1.2's table names the kinds of the ends "source.type" and "target.type".
                case JsonMember.SourceType: d.Source = (d.Source ?? default) with { Kind = ReadCategoryId(member) }; break;
                case JsonMember.TargetType: d.Target = (d.Target ?? default) with { Kind = ReadCategoryId(member) }; break;
                case JsonMember.Resources: d.Resources = ReadObjects(member); break;
                case JsonMember.Links: ReadLinks(d); break;
                default: _r.Skip(); break;
            }
        }
        return d;
    }

    private JsonMember MemberOf()
    {
        if (_r.ValueTextEquals("attributes"u8)) return JsonMember.Attributes;
        if (_r.ValueTextEquals("kind"u8)) return JsonMember.Kind;
        if (_r.ValueTextEquals("mixins"u8)) return JsonMember.Mixins;
        if (_r.ValueTextEquals("actions"u8)) return JsonMember.Actions;
        if (_r.ValueTextEquals("id"u8)) return JsonMember.Id;
        if (_r.ValueTextEquals("title"u8)) return JsonMember.Title;
        if (_r.ValueTextEquals("summary"u8)) return JsonMember.Summary;
        if (_r.ValueTextEquals("location"u8)) return JsonMember.Location;
        if (_r.ValueTextEquals("links"u8)) return JsonMember.Links;
        if (_r.ValueTextEquals("source"u8)) return JsonMember.Source;
        if (_r.ValueTextEquals("target"u8)) return JsonMember.Target;
        if (_r.ValueTextEquals("resources"u8)) return JsonMember.Resources;
        if (_r.ValueTextEquals("action"u8)) return JsonMember.Action;
        if (_r.ValueTextEquals("term"u8)) return JsonMember.Term;
        if (_r.ValueTextEquals("scheme"u8)) return JsonMember.Scheme;
        if (_r.ValueTextEquals("parent"u8)) return JsonMember.Parent;
        if (_r.ValueTextEquals("kinds"u8)) return JsonMember.Kinds;
        if (_r.ValueTextEquals("depends"u8)) return JsonMember.Depends;
        if (_r.ValueTextEquals("applies"u8)) return JsonMember.Applies;
        if (_r.ValueTextEquals("source.type"u8)) return JsonMember.SourceType;
        if (_r.ValueTextEquals("target.type"u8)) return JsonMember.TargetType;
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
        if (_r.ValueSpan.Length <= StackChars)
        {
            Span<char> buffer = stackalloc char[StackChars];
            var n = _r.CopyString(buffer);
            if (_vocabulary.TryGetId(buffer[..n], out var known)) return known;
            identity = new string(buffer[..n]);
        }
        else identity = _r.GetString()!;
        if (!CategoryId.TryParse(identity, out var id)) throw Fail($"'{identity}' is not a category identifier (scheme#term)");
        return id;
    }

    private void ReadCategories(JsonMember member, ref List<CategoryId>? ids, ref List<JsonObjectDraft>? objects)
    {
        ExpectArray(member);
        while (Next() != JsonTokenType.EndArray)
        {
            if (_r.TokenType == JsonTokenType.String) (ids ??= new List<CategoryId>(4)).Add(ReadCategoryId(member));
            else if (_r.TokenType == JsonTokenType.StartObject) (objects ??= []).Add(ReadObject());
            else throw Fail($"'{MemberNames[(int)member]}' holds category identifiers or category objects");
        }
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
            list.Add(ReadObject());
        }
        return list;
    }

    /// <summary>Link objects; GFD.225's resource example lists link locations as strings, taken as such.</summary>
    private void ReadLinks(JsonObjectDraft d)
    {
        ExpectArray(JsonMember.Links);
        while (Next() != JsonTokenType.EndArray)
        {
            if (_r.TokenType == JsonTokenType.StartObject) (d.Links ??= new List<JsonObjectDraft>(2)).Add(ReadObject());
            else if (_r.TokenType == JsonTokenType.String) (d.LinkLocations ??= []).Add(_r.GetString()!);
            else throw Fail("'links' holds link objects or link locations");
        }
    }

    /// <summary>The schema's kinded_uri object, or a bare location string as GFD.225's link example has it.</summary>
    private JsonLinkEnd ReadLinkEnd(JsonMember member, JsonLinkEnd? earlier)
    {
        if (_r.TokenType == JsonTokenType.String) return new JsonLinkEnd(_r.GetString(), earlier?.Kind);
        if (_r.TokenType != JsonTokenType.StartObject) throw Fail($"'{MemberNames[(int)member]}' must be an object with a location");
        string? location = null;
        CategoryId? kind = earlier?.Kind;
        while (Next() != JsonTokenType.EndObject)
        {
            var inner = MemberOf();
            Next();
            if (_r.TokenType == JsonTokenType.Null) continue;
            if (inner == JsonMember.Location) location = ReadString(inner);
            else if (inner == JsonMember.Kind) kind = ReadCategoryId(inner);
            else _r.Skip();
        }
        return new JsonLinkEnd(location, kind);
    }

    /// <summary>GFD.225 §3.5: attribute names are opaque keys; values keep their JSON type. null means absent.</summary>
    private AttributeBag ReadAttributes()
    {
        if (_r.TokenType != JsonTokenType.StartObject) throw Fail("'attributes' must be an object");
        var bag = new AttributeBag();
        while (Next() != JsonTokenType.EndObject)
        {
            var name = ReadAttributeName();
            Next();
            if (_r.TokenType == JsonTokenType.Null) continue;
            if (bag.Contains(name)) throw Fail($"attribute '{name}' appears twice");
            bag[name] = ReadValue();
        }
        return bag;
    }

    private string ReadAttributeName()
    {
        string name;
        if (_r.ValueSpan.Length <= StackChars)
        {
            Span<char> buffer = stackalloc char[StackChars];
            var n = _r.CopyString(buffer);
            if (_vocabulary.TryGetName(buffer[..n], out var known)) return known;
            name = new string(buffer[..n]);
        }
        else name = _r.GetString()!;
        if (!AttributeName.IsValid(name)) throw Fail($"'{name}' is not a valid attribute name");
        return name;
    }

    private AttributeValue ReadValue()
    {
        switch (_r.TokenType)
        {
            case JsonTokenType.String: return AttributeValue.String(_r.GetString()!);
            case JsonTokenType.True: return AttributeValue.Boolean(true);
            case JsonTokenType.False: return AttributeValue.Boolean(false);
            case JsonTokenType.Number:
                // An integer literal that fits stays an integer; 2.0 and 1e3 are numbers.
                if (_r.TryGetInt64(out var integer)) return AttributeValue.Integer(integer);
                if (_r.TryGetDouble(out var number) && double.IsFinite(number)) return AttributeValue.Number(number);
                throw Fail("number out of range");
            case JsonTokenType.StartArray:
            {
                var items = new List<AttributeValue>();
                while (Next() != JsonTokenType.EndArray) items.Add(ReadValue());
                return AttributeValue.Array(items);
            }
            case JsonTokenType.StartObject:
            {
                var members = new List<KeyValuePair<string, AttributeValue>>();
                while (Next() != JsonTokenType.EndObject)
                {
                    var name = _r.GetString()!;
                    Next();
                    members.Add(new(name, ReadValue()));
                }
                return AttributeValue.Object(members);
            }
            default:
                throw Fail("null is not an attribute value inside an array or object");
        }
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
