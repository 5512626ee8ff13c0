using Occi.Core.Registry;
using Occi.Infrastructure;
using Occi.Rendering;
using Occi.Rendering.Text;

namespace Occi.Server.Tests.Support;

/// <summary>
/// A text/occi response read the way rOCCI-core 4.3 reads it: only the first field of each OCCI header name,
/// and that field's value split on every comma, inside quoted strings too. What the gateway writes must
/// survive this: one field per name, and each comma-separated piece one whole value of its header.
/// </summary>
public static class RocciHeaders
{
    public static readonly string[] Names = ["Category", "Link", "X-OCCI-Attribute", "X-OCCI-Location"];

    private static readonly CategorySnapshot Model = new CategoryRegistry(InfrastructureModel.All).Current;
    private static readonly TextOcciRendering TextOcci = new();

    /// <summary>The header fields of a raw HTTP response, in order, as they came on the wire.</summary>
    public static IReadOnlyList<(string Name, string Value)> Fields(string rawResponse)
    {
        var head = rawResponse[..rawResponse.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        return head.Split("\r\n").Skip(1)
            .Select(line => (Name: line[..line.IndexOf(':')], Value: line[(line.IndexOf(':') + 1)..].Trim()))
            .ToArray();
    }

    /// <summary>The OCCI header fields of a response, each name at most once; asserts that it is so.</summary>
    public static IReadOnlyList<(string Name, string Value)> OcciFields(IReadOnlyList<(string Name, string Value)> fields, string what)
    {
        var occi = fields.Where(f => Names.Contains(f.Name, StringComparer.OrdinalIgnoreCase)).ToArray();
        foreach (var group in occi.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase))
            Assert.That(group.Count(), Is.EqualTo(1), $"{what}: rOCCI reads only the first {group.Key} field");
        return occi;
    }

    /// <summary>
    /// Asserts that rOCCI can read every OCCI header of the response: one field per name, no comma inside a
    /// quoted string, and each piece between commas parses back, alone, as exactly one value of its header.
    /// </summary>
    public static void AssertReadable(IReadOnlyList<(string Name, string Value)> fields, string what)
    {
        foreach (var (name, value) in OcciFields(fields, what))
        {
            Assert.That(CommaInQuotes(value), Is.Null, $"{what}: a comma inside a quoted {name} value");
            foreach (var piece in value.Split(',').Select(p => p.Trim()))
                Assert.That(ValuesIn(name, piece), Is.EqualTo(1), $"{what}: '{piece}' is not one {name} value");
        }
    }

    /// <summary>The quoted string (with what precedes it) that holds a comma; null when none does.</summary>
    public static string? CommaInQuotes(string value)
    {
        var inQuotes = false;
        var opened = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (inQuotes && c == '\\') i++; // quoted-pair: the next character is taken as it is
            else if (c == '"')
            {
                inQuotes = !inQuotes;
                if (inQuotes) opened = i;
            }
            else if (inQuotes && c == ',')
            {
                var start = value.LastIndexOf(';', opened) + 1;
                var end = value.IndexOf('"', i);
                return value[start..(end < 0 ? value.Length : end + 1)].Trim();
            }
        }
        return null;
    }

    /// <summary>How many values of the header <paramref name="piece"/> holds, as the gateway's own parser reads it.</summary>
    private static int ValuesIn(string name, string piece)
    {
        OcciRequest request;
        try
        {
            request = TextOcci.Parse(ParseInput.FromHeaders([new(name, piece)]), Model);
        }
        catch (OcciParseException)
        {
            return 0;
        }
        return name.ToLowerInvariant() switch
        {
            "category" => request.Categories.Count,
            "x-occi-attribute" => request.Attributes.Count,
            "x-occi-location" => request.Locations.Count,
            _ => request.Entities.Sum(e => e.Actions.Count + (e is Core.Model.Resource r ? r.Links.Count : 0)),
        };
    }
}
