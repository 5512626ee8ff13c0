using System.Text.Json;
using System.Text.Json.Serialization;
using Occi.Backends.Synnefo.Http;

namespace Occi.Backends.Synnefo.Network;

/// <summary>
/// A list of Synnefo ids, each read as <see cref="SynnefoId"/> reads one: a network's subnets are [28] in
/// network-api-guide's "List networks" example and ["1413"] elsewhere.
/// </summary>
internal sealed class SynnefoIdList : JsonConverter<List<string>>
{
    private static readonly SynnefoId One = new();

    public override List<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("a list of ids is an array");
        var ids = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            if (One.Read(ref reader, typeof(string), options) is { } id) ids.Add(id);
        return ids;
    }

    public override void Write(Utf8JsonWriter writer, List<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var id in value) writer.WriteStringValue(id);
        writer.WriteEndArray();
    }
}
