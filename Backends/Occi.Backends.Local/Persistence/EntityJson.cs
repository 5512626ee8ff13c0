using System.Text.Json;
using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Backends.Local.Persistence;

/// <summary>
/// A simulated entity as JSON, written and read with Utf8JsonWriter/Utf8JsonReader (no reflection).
/// Attribute values are in <see cref="AttributeJson"/>'s form, so a value read back is exactly the value written.
/// </summary>
internal static class EntityJson
{
    public static void Write(Utf8JsonWriter w, SimulatedEntity e)
    {
        w.WriteStartObject();
        w.WriteString("id", e.Id);
        w.WriteString("kind", e.Kind.Identity);
        if (e.Mixins.Length > 0)
        {
            w.WriteStartArray("mixins");
            foreach (var m in e.Mixins) w.WriteStringValue(m.Identity);
            w.WriteEndArray();
        }
        w.WritePropertyName("attributes");
        WriteAttributes(w, e.Attributes);
        if (e.Location is not null) w.WriteString("location", e.Location);
        if (e.Source is not null) w.WriteString("source", e.Source);
        if (e.Target is not null) w.WriteString("target", e.Target);
        if (e.SourceId is not null) w.WriteString("sourceId", e.SourceId);
        if (e.TargetId is not null) w.WriteString("targetId", e.TargetId);
        if (e.Pending is { } p)
        {
            w.WriteStartObject("pending");
            if (p.Action is { } action) w.WriteString("action", action.Identity);
            w.WriteString("to", p.To);
            w.WriteNumber("due", p.DueUtc.ToUnixTimeMilliseconds());
            w.WriteString("message", p.Message);
            w.WritePropertyName("changes");
            WriteAttributes(w, p.Changes);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    /// <summary>Reads one entity object; the reader is on its StartObject and is left on its EndObject.</summary>
    public static SimulatedEntity Read(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        string? id = null, location = null, source = null, target = null, sourceId = null, targetId = null;
        CategoryId? kind = null;
        CategoryId[] mixins = [];
        KeyValuePair<string, AttributeValue>[] attributes = [];
        PendingTransition? pending = null;
        while (Next(ref r) != JsonTokenType.EndObject)
        {
            var name = r.GetString()!;
            Next(ref r);
            switch (name)
            {
                case "id": id = r.GetString(); break;
                case "kind": kind = CategoryId.Parse(r.GetString()!); break;
                case "mixins": mixins = ReadIds(ref r); break;
                case "attributes": attributes = ReadAttributes(ref r); break;
                case "location": location = r.GetString(); break;
                case "source": source = r.GetString(); break;
                case "target": target = r.GetString(); break;
                case "sourceId": sourceId = r.GetString(); break;
                case "targetId": targetId = r.GetString(); break;
                case "pending": pending = ReadPending(ref r); break;
                default: r.Skip(); break;
            }
        }
        if (id is null || kind is null) throw new JsonException("entity without id or kind");
        return new SimulatedEntity(id, kind.Value, mixins, attributes, location, source, target, pending, sourceId, targetId);
    }

    private static PendingTransition ReadPending(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        CategoryId? action = null;
        string? to = null, message = null;
        long due = 0;
        KeyValuePair<string, AttributeValue>[] changes = [];
        while (Next(ref r) != JsonTokenType.EndObject)
        {
            var name = r.GetString()!;
            Next(ref r);
            switch (name)
            {
                case "action": action = CategoryId.Parse(r.GetString()!); break;
                case "to": to = r.GetString(); break;
                case "due": due = r.GetInt64(); break;
                case "message": message = r.GetString(); break;
                case "changes": changes = ReadAttributes(ref r); break;
                default: r.Skip(); break;
            }
        }
        if (to is null) throw new JsonException("pending transition without a target state");
        return new PendingTransition(action, to, DateTimeOffset.FromUnixTimeMilliseconds(due), message ?? "", changes);
    }

    private static CategoryId[] ReadIds(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartArray);
        var list = new List<CategoryId>();
        while (Next(ref r) != JsonTokenType.EndArray) list.Add(CategoryId.Parse(r.GetString()!));
        return list.ToArray();
    }

    public static void WriteAttributes(Utf8JsonWriter w, ReadOnlySpan<KeyValuePair<string, AttributeValue>> attributes)
    {
        w.WriteStartObject();
        foreach (var (name, value) in attributes)
        {
            w.WritePropertyName(name);
            AttributeJson.Write(w, value);
        }
        w.WriteEndObject();
    }

    public static KeyValuePair<string, AttributeValue>[] ReadAttributes(ref Utf8JsonReader r)
    {
        return AttributeJson.ReadMembers(ref r).ToArray();
    }

    private static JsonTokenType Next(ref Utf8JsonReader r) =>
        r.Read() ? r.TokenType : throw new JsonException("unexpected end of JSON");

    private static void Expect(ref Utf8JsonReader r, JsonTokenType type)
    {
        if (r.TokenType != type) throw new JsonException($"expected {type}, found {r.TokenType}");
    }
}
