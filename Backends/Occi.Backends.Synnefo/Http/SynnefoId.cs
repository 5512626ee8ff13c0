using System.Text.Json;
using System.Text.Json.Serialization;

namespace Occi.Backends.Synnefo.Http;

/// <summary>
/// An id as Synnefo writes it: a number in some answers ("id": 5678 when a server is created, "id": 1 for a flavor),
/// a string in others ("id": "42"; compute-api-guide's examples use both). Differs from OpenStack, whose ids are
/// always strings. Read either way into a string; written as a string.
/// </summary>
internal sealed class SynnefoId : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"an id is a string or a number, not {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
