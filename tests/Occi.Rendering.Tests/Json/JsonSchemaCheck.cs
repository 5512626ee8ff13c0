using System.Text.Json;

namespace Occi.Rendering.Tests.Json;

/// <summary>
/// A small check of rendered JSON against the rOCCI 1.2 JSON Schema (occi-schema.json): "type", "required",
/// "properties", "items", "minItems", "additionalProperties" and "$ref" into its definitions — enough for
/// the shapes OCCI uses, not a general JSON Schema validator. Returns what does not fit.
/// </summary>
internal sealed class JsonSchemaCheck
{
    private readonly JsonElement _definitions;
    private readonly HashSet<string> _allowedExtra;

    public JsonSchemaCheck(string schemaPath, params string[] allowedExtraProperties)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(schemaPath));
        _definitions = doc.RootElement.GetProperty("definitions").Clone();
        _allowedExtra = [.. allowedExtraProperties];
    }

    public List<string> Check(string json, string definition)
    {
        using var doc = JsonDocument.Parse(json);
        var problems = new List<string>();
        Check(doc.RootElement, _definitions.GetProperty(definition), "$", problems);
        return problems;
    }

    private void Check(JsonElement value, JsonElement schema, string path, List<string> problems)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var target = reference.GetString()!;
            if (target.EndsWith("/definitions/stringArray", StringComparison.Ordinal))
            {
                // draft-04's stringArray: a non-empty array of unique strings.
                if (value.ValueKind != JsonValueKind.Array) { problems.Add($"{path}: not an array"); return; }
                if (value.GetArrayLength() == 0) problems.Add($"{path}: empty array (minItems 1)");
                var seen = new HashSet<string>();
                foreach (var item in value.EnumerateArray())
                    if (item.ValueKind != JsonValueKind.String) problems.Add($"{path}: item not a string");
                    else if (!seen.Add(item.GetString()!)) problems.Add($"{path}: duplicate item {item}");
                return;
            }
            Check(value, _definitions.GetProperty(target[(target.LastIndexOf('/') + 1)..]), path, problems);
            return;
        }
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var fits = oneOf.EnumerateArray().Count(s => { var p = new List<string>(); Check(value, s, path, p); return p.Count == 0; });
            if (fits != 1) problems.Add($"{path}: fits {fits} of oneOf");
            return;
        }
        if (schema.TryGetProperty("type", out var type) && !IsType(value, type.GetString()!))
        {
            problems.Add($"{path}: is {value.ValueKind}, schema wants {type.GetString()}");
            return;
        }
        if (value.ValueKind == JsonValueKind.Array)
        {
            if (schema.TryGetProperty("minItems", out var min) && value.GetArrayLength() < min.GetInt32()) problems.Add($"{path}: fewer than {min} items");
            if (schema.TryGetProperty("items", out var items))
            {
                var i = 0;
                foreach (var item in value.EnumerateArray()) Check(item, items, $"{path}[{i++}]", problems);
            }
        }
        if (value.ValueKind != JsonValueKind.Object) return;
        if (schema.TryGetProperty("required", out var required))
            foreach (var name in required.EnumerateArray())
                if (!value.TryGetProperty(name.GetString()!, out _)) problems.Add($"{path}: required '{name.GetString()}' missing");
        var properties = schema.TryGetProperty("properties", out var p1) ? p1 : default;
        var patterns = schema.TryGetProperty("patternProperties", out var p2) ? p2 : default;
        foreach (var member in value.EnumerateObject())
        {
            var memberPath = $"{path}.{member.Name}";
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(member.Name, out var memberSchema))
                Check(member.Value, memberSchema, memberPath, problems);
            else if (patterns.ValueKind == JsonValueKind.Object && member.Name.Length > 0)
                Check(member.Value, patterns.EnumerateObject().First().Value, memberPath, problems); // OCCI's only pattern is ".+"
            else if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    if (!_allowedExtra.Contains(member.Name)) problems.Add($"{memberPath}: not allowed by the schema");
                }
                else if (additional.ValueKind == JsonValueKind.Object) Check(member.Value, additional, memberPath, problems);
            }
        }
    }

    private static bool IsType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ => true,
    };
}
