using System.Text.Json;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Infrastructure.Kinds;
using static Occi.Rendering.Tests.Json.JsonTestSupport;
using static Occi.Rendering.Tests.Json11.Json11TestSupport;

namespace Occi.Rendering.Tests.Json;

/// <summary>
/// JSON has no NaN or infinity literal: an entity holding one (a backend's value; validation refuses them from
/// clients) still renders as valid JSON in both dialects, NaN as null and ±∞ as ±1e999 (AttributeJson's policy).
/// </summary>
public sealed class NonFiniteNumberRenderingTests
{
    private static Resource Holding()
    {
        var r = new Resource { Kind = Compute.Kind.Id, Id = "c1", Location = "/compute/c1" };
        r.Attributes["example.nan"] = double.NaN;
        r.Attributes["example.up"] = double.PositiveInfinity;
        r.Attributes["example.down"] = double.NegativeInfinity;
        r.Attributes["example.list"] = AttributeValue.Array([double.NaN, 1.5]);
        return r;
    }

    /// <summary><paramref name="attribute"/> finds "example.&lt;name&gt;" in the rendered resource as the dialect writes it.</summary>
    private static void AssertValidWithNullAndOverflowingLiterals(string json, Func<JsonElement, string, JsonElement> attribute)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.That(attribute(root, "nan").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(attribute(root, "up").GetRawText(), Is.EqualTo("1e999"));
        Assert.That(attribute(root, "down").GetRawText(), Is.EqualTo("-1e999"));
        Assert.That(attribute(root, "list").GetRawText(), Is.EqualTo("[null,1.5]"));
    }

    [Test]
    public void Occi12_rendering_of_non_finite_numbers_is_valid_json() =>
        AssertValidWithNullAndOverflowingLiterals(RenderEntity(Holding()),
            (resource, name) => resource.GetProperty("attributes").GetProperty("example." + name));

    [Test]
    public void Occi11_rendering_of_non_finite_numbers_is_valid_json() =>
        AssertValidWithNullAndOverflowingLiterals(Render11((r, o) => r.RenderEntity(Holding(), Context, o)),
            (root, name) => root.GetProperty("resources")[0].GetProperty("attributes").GetProperty("example").GetProperty(name)); // names nest at their dots
}
