using System.Buffers;
using System.Text;
using System.Text.Json;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Core.StoreContracts;

namespace Occi.Core.Documents;

/// <summary>
/// The stores' document of a runtime kind or action (issue 19), UTF-8 JSON:
/// <c>{"class":"kind"|"action","scheme","term","title","location","parent","actions":[identity…],
/// "attributes":[definition…],"providers":{"local":[name…],"remote":[name…]}}</c>, the definitions as a user mixin's
/// (<see cref="EntityDocumentCodec.WriteDefinition"/>). A kind's parent and actions are stored as identities and come
/// back as bare categories of those identities, for the server to resolve against its registry.
/// </summary>
public static class RuntimeCategoryCodec
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    public static string Encode(RuntimeCategory category)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            var c = category.Definition;
            w.WriteStartObject();
            w.WriteString("class", c.ClassName);
            w.WriteString("scheme", c.Scheme);
            w.WriteString("term", c.Term);
            if (c.Title is not null) w.WriteString("title", c.Title);
            if (c is Kind kind)
            {
                if (kind.Location is not null) w.WriteString("location", kind.Location);
                if (kind.Parent is not null) w.WriteString("parent", kind.Parent.Id.Identity);
                w.WriteStartArray("actions");
                foreach (var a in kind.Actions) w.WriteStringValue(a.Id.Identity);
                w.WriteEndArray();
            }
            w.WriteStartArray("attributes");
            foreach (var d in c.Attributes) EntityDocumentCodec.WriteDefinition(w, d);
            w.WriteEndArray();
            w.WriteStartObject("providers");
            Names(w, "local", category.Providers.Local);
            Names(w, "remote", category.Providers.Remote);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Names(Utf8JsonWriter w, string name, IReadOnlyList<string> names)
    {
        w.WriteStartArray(name);
        foreach (var n in names) w.WriteStringValue(n);
        w.WriteEndArray();
    }

    public static RuntimeCategory Decode(string json)
    {
        var r = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), ReaderOptions);
        EntityDocumentCodec.Expect(ref r, JsonTokenType.StartObject);
        string? className = null, scheme = null, term = null, title = null, location = null, parent = null;
        var actions = new List<CategoryId>();
        var attributes = new List<AttributeDefinition>();
        List<string> local = [], remote = [];
        while (EntityDocumentCodec.Next(ref r) != JsonTokenType.EndObject)
        {
            var property = r.GetString();
            EntityDocumentCodec.Next(ref r);
            switch (property)
            {
                case "class": className = r.GetString(); break;
                case "scheme": scheme = r.GetString(); break;
                case "term": term = r.GetString(); break;
                case "title": title = r.GetString(); break;
                case "location": location = r.GetString(); break;
                case "parent": parent = r.GetString(); break;
                case "actions":
                    while (EntityDocumentCodec.Next(ref r) != JsonTokenType.EndArray) actions.Add(CategoryId.Parse(r.GetString()!));
                    break;
                case "attributes":
                    while (EntityDocumentCodec.Next(ref r) != JsonTokenType.EndArray) attributes.Add(EntityDocumentCodec.ReadDefinition(ref r));
                    break;
                case "providers":
                    while (EntityDocumentCodec.Next(ref r) != JsonTokenType.EndObject)
                    {
                        var list = r.GetString() == "remote" ? remote : local;
                        EntityDocumentCodec.Next(ref r);
                        while (EntityDocumentCodec.Next(ref r) != JsonTokenType.EndArray) list.Add(r.GetString()!);
                    }
                    break;
                default: r.Skip(); break;
            }
        }
        if (scheme is null || term is null) throw new JsonException("runtime category document needs scheme and term");
        Category definition = className switch
        {
            "kind" => new Kind(scheme, term, title, parent is null ? null : Bare(parent), location, attributes, actions.Select(BareAction)) { IsRuntime = true },
            "action" => new OcciAction(scheme, term, title, attributes) { IsRuntime = true },
            _ => throw new JsonException($"runtime category document has class '{className}', expected kind or action"),
        };
        return new RuntimeCategory(definition, new ProviderAssignment(local, remote));
    }

    private static OcciAction BareAction(CategoryId id) => new(id.Scheme, id.Term);

    private static Kind Bare(string identity)
    {
        var id = CategoryId.Parse(identity);
        return new Kind(id.Scheme, id.Term);
    }
}
