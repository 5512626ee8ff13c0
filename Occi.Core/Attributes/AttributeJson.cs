using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Occi.Core.Attributes;

/// <summary>
/// The one JSON form of an attribute value, used by the stores' documents, the JSON renderings and the local
/// backend's state: strings, booleans, arrays and objects are themselves; an integer is a number without a
/// fraction ("2") and a number always has a fraction or an exponent ("2.0", GFD.225 §3.5), so a reader tells
/// them apart.
/// <para>Non-finite numbers, one policy for every use: JSON has no NaN or infinity literal (RFC 8259 §6), so
/// +∞ and −∞ are written as the overflowing literals <c>1e999</c> and <c>-1e999</c> (what every IEEE-754
/// JSON reader, JavaScript's and Python's among them, reads back as ±∞), and NaN as <c>null</c> (as
/// JavaScript's JSON.stringify writes it; no other value is ever written as null). The output is always valid
/// JSON, a client still sees a number where ∞ was, and <see cref="Read"/> gets back exactly the value
/// written — where writing a name ("NaN") would read back as a string and refusing would leave an entity
/// that a backend reported unrenderable. Validation still refuses non-finite values for Number attributes.</para>
/// </summary>
public static class AttributeJson
{
    private static ReadOnlySpan<byte> PositiveInfinity => "1e999"u8;
    private static ReadOnlySpan<byte> NegativeInfinity => "-1e999"u8;

    public static void Write(Utf8JsonWriter w, AttributeValue value)
    {
        switch (value.Kind)
        {
            case AttributeValueKind.String: w.WriteStringValue(value.AsString); break;
            case AttributeValueKind.Integer: w.WriteNumberValue(value.AsInteger); break;
            case AttributeValueKind.Number: WriteNumber(w, value.AsNumber); break;
            case AttributeValueKind.Boolean: w.WriteBooleanValue(value.AsBoolean); break;
            case AttributeValueKind.Array:
                w.WriteStartArray();
                foreach (var item in value.AsArray) Write(w, item);
                w.WriteEndArray();
                break;
            case AttributeValueKind.Object:
                w.WriteStartObject();
                foreach (var (name, member) in value.AsObject)
                {
                    w.WritePropertyName(name);
                    Write(w, member);
                }
                w.WriteEndObject();
                break;
        }
    }

    /// <summary>Shortest round-trip form, with ".0" added to whole numbers so they read back as numbers, not integers.</summary>
    private static void WriteNumber(Utf8JsonWriter w, double d)
    {
        if (double.IsNaN(d)) { w.WriteNullValue(); return; }
        if (double.IsInfinity(d)) { w.WriteRawValue(d > 0 ? PositiveInfinity : NegativeInfinity, skipInputValidation: true); return; }
        Span<byte> buffer = stackalloc byte[48];
        d.TryFormat(buffer, out var n, "R", CultureInfo.InvariantCulture);
        if (buffer[..n].IndexOfAny((byte)'.', (byte)'E', (byte)'e') < 0)
        {
            buffer[n++] = (byte)'.';
            buffer[n++] = (byte)'0';
        }
        w.WriteRawValue(buffer[..n], skipInputValidation: true);
    }

    /// <summary>Reads the value at the reader's current token (a scalar, or the start of an array or object), leaving the reader on its last token.</summary>
    public static AttributeValue Read(ref Utf8JsonReader r)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.String: return AttributeValue.String(r.GetString()!);
            case JsonTokenType.True: return AttributeValue.Boolean(true);
            case JsonTokenType.False: return AttributeValue.Boolean(false);
            case JsonTokenType.Null: return AttributeValue.Number(double.NaN);
            case JsonTokenType.Number: return ReadNumber(ref r);
            case JsonTokenType.StartArray:
                var items = new List<AttributeValue>();
                while (Next(ref r) != JsonTokenType.EndArray) items.Add(Read(ref r));
                return AttributeValue.Array(items);
            case JsonTokenType.StartObject:
                return AttributeValue.Object(ReadMembers(ref r));
            default:
                throw new JsonException($"unexpected {r.TokenType} where an attribute value belongs");
        }
    }

    /// <summary>The members of the object whose StartObject the reader is on, leaving it on the EndObject.</summary>
    public static List<KeyValuePair<string, AttributeValue>> ReadMembers(ref Utf8JsonReader r)
    {
        if (r.TokenType != JsonTokenType.StartObject) throw new JsonException($"expected an object of attributes, found {r.TokenType}");
        var members = new List<KeyValuePair<string, AttributeValue>>();
        while (Next(ref r) != JsonTokenType.EndObject)
        {
            var name = r.GetString()!;
            Next(ref r);
            members.Add(new(name, Read(ref r)));
        }
        return members;
    }

    private static AttributeValue ReadNumber(ref Utf8JsonReader r)
    {
        ReadOnlySpan<byte> raw = r.HasValueSequence ? r.ValueSequence.ToArray() : r.ValueSpan;
        if (raw.IndexOfAny(".eE"u8) < 0 && r.TryGetInt64(out var integer)) return AttributeValue.Integer(integer);
        if (r.TryGetDouble(out var number)) return AttributeValue.Number(number);
        // The reader refuses literals beyond a double's range; "1e999" is how ±∞ is written.
        if (double.TryParse(Encoding.UTF8.GetString(raw), NumberStyles.Float, CultureInfo.InvariantCulture, out var overflow) && double.IsInfinity(overflow))
            return AttributeValue.Number(overflow);
        throw new JsonException($"number {Encoding.UTF8.GetString(raw)} is not an attribute value");
    }

    private static JsonTokenType Next(ref Utf8JsonReader r) =>
        r.Read() ? r.TokenType : throw new JsonException("JSON ends inside an attribute value");
}
