using System.Buffers;
using System.Text;
using System.Text.Json;
using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Core.Documents;

/// <summary>
/// The stores' document format: an entity or a user mixin as UTF-8 JSON, written and read with
/// Utf8JsonWriter/Utf8JsonReader (no reflection). Attribute values are written and read by
/// <see cref="AttributeJson"/>, which keeps their kind exactly (integers "2", numbers "2.0").
/// <para>Entity document:
/// <c>{"type":"resource"|"link","location","id","kind","mixins":[identity…],"backendId",
/// "source","target","sourceKind","targetKind","attributes":{name:value…},"text":{name:text…}}</c>.
/// "text" holds <see cref="AttributeValue.ToString"/> of every non-string attribute: it is what a store's
/// attribute-equality query compares (a string attribute is its own text), and readers ignore it.</para>
/// <para>Not part of the document: <see cref="Entity.Actions"/> (computed per request) and
/// <see cref="Resource.Links"/>: every link is its own document at its own location, so a resource is
/// stored without its links and read back with an empty list; load them with
/// <see cref="EntityQuery.LinkSource"/>. The owner and version live beside the document, in the store.</para>
/// </summary>
public static class EntityDocumentCodec
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = false };
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    // ---- entities ----

    public static byte[] Encode(Entity entity) => Encode(entity, out _);

    /// <summary>
    /// The document, written in a buffer and writer this thread reuses (a store encodes every write): only the
    /// returned array is allocated. <paramref name="attributes"/> is where its "attributes" object lies, the
    /// bytes <see cref="EncodeAttributes"/> would write, so a store that keeps them needs no second encoding.
    /// </summary>
    public static byte[] Encode(Entity entity, out Range attributes)
    {
        var scratch = t_scratch ??= new Scratch();
        scratch.Buffer.ResetWrittenCount();
        scratch.Writer.Reset(scratch.Buffer);
        attributes = Write(entity, scratch.Writer);
        scratch.Writer.Flush();
        var document = scratch.Buffer.WrittenSpan.ToArray();
        if (scratch.Buffer.Capacity > ScratchBytes) t_scratch = null; // a rare large entity: not kept for the thread's life
        return document;
    }

    private const int ScratchBytes = 64 * 1024;

    [ThreadStatic] private static Scratch? t_scratch;

    private sealed class Scratch
    {
        public readonly ArrayBufferWriter<byte> Buffer = new(1024);
        public readonly Utf8JsonWriter Writer;

        public Scratch() => Writer = new Utf8JsonWriter(Buffer, WriterOptions);
    }

    public static string EncodeToString(Entity entity) => Encoding.UTF8.GetString(Encode(entity));

    public static void Write(Entity entity, IBufferWriter<byte> output)
    {
        using var w = new Utf8JsonWriter(output, WriterOptions);
        Write(entity, w);
    }

    /// <returns>Where the "attributes" object lies in what <paramref name="w"/> wrote from its reset on.</returns>
    private static Range Write(Entity entity, Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("type", entity is Link ? "link" : "resource");
        if (entity.Location is not null) w.WriteString("location", entity.Location);
        w.WriteString("id", entity.Id);
        w.WriteString("kind", entity.Kind.Identity);
        w.WriteStartArray("mixins");
        foreach (var m in entity.Mixins) w.WriteStringValue(m.Identity);
        w.WriteEndArray();
        if (entity.BackendId is not null) w.WriteString("backendId", entity.BackendId);
        if (entity is Link link)
        {
            w.WriteString("source", link.Source);
            w.WriteString("target", link.Target);
            if (link.SourceKind is { } sk) w.WriteString("sourceKind", sk.Identity);
            if (link.TargetKind is { } tk) w.WriteString("targetKind", tk.Identity);
        }
        w.WritePropertyName("attributes");
        var start = (int)(w.BytesCommitted + w.BytesPending);
        WriteAttributes(w, entity.Attributes);
        var end = (int)(w.BytesCommitted + w.BytesPending);
        w.WriteStartObject("text");
        foreach (var (name, value) in entity.Attributes)
            if (!value.IsString) w.WriteString(name, value.ToString());
        w.WriteEndObject();
        w.WriteEndObject();
        return start..end;
    }

    public static Entity Decode(string json) => Decode(Encoding.UTF8.GetBytes(json));

    public static Entity Decode(ReadOnlySpan<byte> json)
    {
        var r = new Utf8JsonReader(json, ReaderOptions);
        Expect(ref r, JsonTokenType.StartObject);
        string? type = null, location = null, id = null, kind = null, backendId = null,
            source = null, target = null, sourceKind = null, targetKind = null;
        List<CategoryId> mixins = [];
        AttributeBag attributes = new();
        while (Next(ref r) != JsonTokenType.EndObject)
        {
            var property = r.GetString();
            Next(ref r);
            switch (property)
            {
                case "type": type = r.GetString(); break;
                case "location": location = r.GetString(); break;
                case "id": id = r.GetString(); break;
                case "kind": kind = r.GetString(); break;
                case "backendId": backendId = r.GetString(); break;
                case "source": source = r.GetString(); break;
                case "target": target = r.GetString(); break;
                case "sourceKind": sourceKind = r.GetString(); break;
                case "targetKind": targetKind = r.GetString(); break;
                case "mixins":
                    Require(ref r, JsonTokenType.StartArray);
                    while (Next(ref r) != JsonTokenType.EndArray) mixins.Add(CategoryId.Parse(r.GetString()!));
                    break;
                case "attributes": attributes = ReadAttributes(ref r); break;
                default: r.Skip(); break; // "text" and fields of later versions
            }
        }

        Entity entity = type switch
        {
            "link" => new Link
            {
                Source = source ?? "",
                Target = target ?? "",
                SourceKind = sourceKind is null ? null : CategoryId.Parse(sourceKind),
                TargetKind = targetKind is null ? null : CategoryId.Parse(targetKind),
            },
            "resource" => new Resource(),
            _ => throw new JsonException($"entity document has type '{type}', expected resource or link"),
        };
        entity.Id = id ?? throw new JsonException("entity document has no id");
        entity.Kind = CategoryId.Parse(kind ?? throw new JsonException("entity document has no kind"));
        entity.Location = location;
        entity.BackendId = backendId;
        entity.Attributes = attributes;
        entity.Mixins.AddRange(mixins);
        return entity;
    }

    /// <summary>
    /// An entity's attributes alone, as the document's "attributes" object: what the embedded store's
    /// in-memory view keeps of an entity beside the keys it holds decoded (issue 13).
    /// </summary>
    public static byte[] EncodeAttributes(AttributeBag attributes)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions)) WriteAttributes(w, attributes);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads what <see cref="EncodeAttributes"/> wrote into a fresh bag.</summary>
    public static AttributeBag DecodeAttributes(ReadOnlySpan<byte> json)
    {
        var r = new Utf8JsonReader(json, ReaderOptions);
        Next(ref r);
        return ReadAttributes(ref r);
    }

    private static void WriteAttributes(Utf8JsonWriter w, AttributeBag attributes)
    {
        w.WriteStartObject();
        foreach (var (name, value) in attributes)
        {
            w.WritePropertyName(name);
            AttributeJson.Write(w, value);
        }
        w.WriteEndObject();
    }

    /// <summary>An attributes object, the reader on its start.</summary>
    private static AttributeBag ReadAttributes(ref Utf8JsonReader r)
    {
        Require(ref r, JsonTokenType.StartObject);
        var attributes = new AttributeBag();
        while (Next(ref r) != JsonTokenType.EndObject)
        {
            var name = r.GetString()!;
            Next(ref r);
            attributes[name] = AttributeJson.Read(ref r);
        }
        return attributes;
    }

    // ---- user mixins (GFD.185 §3.4.2) ----

    /// <summary>
    /// A mixin definition as JSON: <c>{"scheme","term","title","location","depends":[identity…],
    /// "applies":[identity…],"attributes":[{"name","type","mutable","required","default","pattern",
    /// "description","enum":[…]}…],"userDefined","owner"}</c> (owner: the tenant that defined it, when one did). Depends are stored as identities only; actions are
    /// not stored (a user mixin has none).
    /// </summary>
    public static byte[] EncodeMixin(Mixin mixin)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("scheme", mixin.Scheme);
            w.WriteString("term", mixin.Term);
            if (mixin.Title is not null) w.WriteString("title", mixin.Title);
            if (mixin.Location is not null) w.WriteString("location", mixin.Location);
            w.WriteStartArray("depends");
            foreach (var d in mixin.Depends) w.WriteStringValue(d.Id.Identity);
            w.WriteEndArray();
            w.WriteStartArray("applies");
            foreach (var a in mixin.Applies) w.WriteStringValue(a.Identity);
            w.WriteEndArray();
            w.WriteStartArray("attributes");
            foreach (var d in mixin.Attributes) WriteDefinition(w, d);
            w.WriteEndArray();
            w.WriteBoolean("userDefined", mixin.IsUserDefined);
            if (mixin.Owner is not null) w.WriteString("owner", mixin.Owner);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>One attribute definition: <c>{"name","type","mutable","required","default","pattern","description","enum":[…]}</c> (user mixins, runtime categories).</summary>
    internal static void WriteDefinition(Utf8JsonWriter w, AttributeDefinition d)
    {
        w.WriteStartObject();
        w.WriteString("name", d.Name);
        w.WriteString("type", d.Type.ToString());
        w.WriteBoolean("mutable", d.Mutable);
        w.WriteBoolean("required", d.Required);
        if (d.Default is { } def)
        {
            w.WritePropertyName("default");
            AttributeJson.Write(w, def);
        }
        if (d.Pattern is not null) w.WriteString("pattern", d.Pattern);
        if (d.Description is not null) w.WriteString("description", d.Description);
        if (d.EnumValues.Count > 0)
        {
            w.WriteStartArray("enum");
            foreach (var e in d.EnumValues) w.WriteStringValue(e);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    public static string EncodeMixinToString(Mixin mixin) => Encoding.UTF8.GetString(EncodeMixin(mixin));

    /// <summary>The identities a stored mixin depends on, without building it (to order loading).</summary>
    public static IReadOnlyList<CategoryId> ReadMixinDepends(ReadOnlySpan<byte> json)
    {
        var r = new Utf8JsonReader(json, ReaderOptions);
        Expect(ref r, JsonTokenType.StartObject);
        var depends = new List<CategoryId>();
        while (Next(ref r) != JsonTokenType.EndObject)
        {
            var property = r.GetString();
            Next(ref r);
            if (property == "depends")
                while (Next(ref r) != JsonTokenType.EndArray) depends.Add(CategoryId.Parse(r.GetString()!));
            else r.Skip();
        }
        return depends;
    }

    /// <summary>
    /// Builds a mixin from its JSON. Each depends identity is resolved with <paramref name="resolve"/>
    /// (pass <c>snapshot.FindMixin</c> to resolve against a registry); an identity it cannot resolve
    /// becomes a bare placeholder mixin (scheme and term only), which the caller replaces by identity.
    /// </summary>
    public static Mixin DecodeMixin(ReadOnlySpan<byte> json, Func<CategoryId, Mixin?>? resolve = null)
    {
        var r = new Utf8JsonReader(json, ReaderOptions);
        Expect(ref r, JsonTokenType.StartObject);
        string? scheme = null, term = null, title = null, location = null, owner = null;
        var depends = new List<CategoryId>();
        var applies = new List<CategoryId>();
        var attributes = new List<AttributeDefinition>();
        var userDefined = false;
        while (Next(ref r) != JsonTokenType.EndObject)
        {
            var property = r.GetString();
            Next(ref r);
            switch (property)
            {
                case "scheme": scheme = r.GetString(); break;
                case "term": term = r.GetString(); break;
                case "title": title = r.GetString(); break;
                case "location": location = r.GetString(); break;
                case "userDefined": userDefined = r.GetBoolean(); break;
                case "owner": owner = r.GetString(); break;
                case "depends":
                    while (Next(ref r) != JsonTokenType.EndArray) depends.Add(CategoryId.Parse(r.GetString()!));
                    break;
                case "applies":
                    while (Next(ref r) != JsonTokenType.EndArray) applies.Add(CategoryId.Parse(r.GetString()!));
                    break;
                case "attributes":
                    while (Next(ref r) != JsonTokenType.EndArray) attributes.Add(ReadDefinition(ref r));
                    break;
                default: r.Skip(); break;
            }
        }
        if (scheme is null || term is null) throw new JsonException("mixin document needs scheme and term");
        var dependsMixins = depends.Select(id => resolve?.Invoke(id) ?? new Mixin(id.Scheme, id.Term) { IsReferenceOnly = true }).ToArray();
        return new Mixin(scheme, term, title, location, dependsMixins, applies, attributes, isUserDefined: userDefined, owner: owner);
    }

    internal static AttributeDefinition ReadDefinition(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) throw new JsonException("attribute definition must be an object");
        string? name = null, pattern = null, description = null;
        var type = AttributeType.String;
        bool mutable = true, required = false;
        AttributeValue? @default = null;
        List<string>? enumValues = null;
        while (Next(ref r) != JsonTokenType.EndObject)
        {
            var property = r.GetString();
            Next(ref r);
            switch (property)
            {
                case "name": name = r.GetString(); break;
                case "type": type = Enum.Parse<AttributeType>(r.GetString()!); break;
                case "mutable": mutable = r.GetBoolean(); break;
                case "required": required = r.GetBoolean(); break;
                case "default": @default = AttributeJson.Read(ref r); break;
                case "pattern": pattern = r.GetString(); break;
                case "description": description = r.GetString(); break;
                case "enum":
                    enumValues = [];
                    while (Next(ref r) != JsonTokenType.EndArray) enumValues.Add(r.GetString()!);
                    break;
                default: r.Skip(); break;
            }
        }
        return new AttributeDefinition(name ?? throw new JsonException("attribute definition has no name"),
            type, mutable, required, @default, pattern, description, enumValues);
    }

    // ---- reader plumbing ----

    internal static JsonTokenType Next(ref Utf8JsonReader r)
    {
        if (!r.Read()) throw new JsonException("document ends early");
        return r.TokenType;
    }

    internal static void Expect(ref Utf8JsonReader r, JsonTokenType type)
    {
        if (Next(ref r) != type) throw new JsonException($"expected {type}, found {r.TokenType}");
    }

    private static void Require(ref Utf8JsonReader r, JsonTokenType type)
    {
        if (r.TokenType != type) throw new JsonException($"expected {type}, found {r.TokenType}");
    }
}
