using System.CommandLine;
using System.Globalization;
using Occi.Cli.Protocol;
using Occi.Core.Attributes;

namespace Occi.Cli.Commands;

/// <summary>
/// --attribute name=value, repeatable: a whole number, a decimal number, true or false are sent as such, anything
/// else as a string; quote a value ("'\"2\"'") to send a number as a string.
/// </summary>
internal static class AttributeArguments
{
    public static Option<string[]> Create() => new("--attribute", "-A")
    {
        Description = "An attribute as name=value (repeatable)",
        AllowMultipleArgumentsPerToken = false,
    };

    public static List<KeyValuePair<string, AttributeValue>> Read(string[]? given)
    {
        var attributes = new List<KeyValuePair<string, AttributeValue>>();
        foreach (var item in given ?? [])
        {
            var equals = item.IndexOf('=');
            if (equals <= 0) throw OcciFailure.Usage($"--attribute {item}: give name=value");
            attributes.Add(new(item[..equals], Value(item[(equals + 1)..])));
        }
        return attributes;
    }

    private static AttributeValue Value(string text)
    {
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"') return AttributeValue.String(text[1..^1]);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) return AttributeValue.Integer(whole);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)) return AttributeValue.Number(number);
        return text switch
        {
            "true" => AttributeValue.Boolean(true),
            "false" => AttributeValue.Boolean(false),
            _ => AttributeValue.String(text),
        };
    }
}
