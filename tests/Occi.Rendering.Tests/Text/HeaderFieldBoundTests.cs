using System.Buffers;
using Occi.Core.Model;
using Occi.Rendering.Text;
using static Occi.Rendering.Tests.Text.TextTestSupport;

namespace Occi.Rendering.Tests.Text;

/// <summary>
/// Issue 11 item 6: text/occi keeps one field per structure while it fits <see cref="RenderContext.MaxHeaderFieldBytes"/>
/// and goes on in repeated fields, each within the bound, beyond it; what the fields say together is the whole rendering.
/// </summary>
public sealed class HeaderFieldBoundTests
{
    private static int FieldBytes(KeyValuePair<string, string> field) => field.Key.Length + 2 + field.Value.Length;

    private static List<KeyValuePair<string, string>> Write(int bound, params (string Structure, string Value)[] values)
    {
        var output = new RenderOutput(new ArrayBufferWriter<byte>());
        var w = new HeaderFieldWriter(output, bound);
        foreach (var (structure, value) in values)
        {
            w.Begin(structure);
            w.Write(value);
            w.End();
        }
        w.Complete();
        return output.Headers;
    }

    private static List<KeyValuePair<string, string>> RenderLocations(int count, int bound)
    {
        var output = new RenderOutput(new ArrayBufferWriter<byte>());
        OcciText.RenderLocations(Enumerable.Range(0, count).Select(i => $"/compute/{i:D6}").ToArray(), Context with { MaxHeaderFieldBytes = bound }, output);
        return output.Headers;
    }

    [Test]
    public void Default_bound_is_32_KiB_below_what_python_and_curl_read_in_one_line() =>
        Assert.That(Context.MaxHeaderFieldBytes, Is.EqualTo(32768).And.LessThan(65536 - 2).And.LessThan(100 * 1024));

    [Test]
    public void A_listing_within_the_bound_is_one_field()
    {
        var headers = RenderLocations(100, 8192);
        Assert.That(headers.Count(h => h.Key == "X-OCCI-Location"), Is.EqualTo(1));
        Assert.That(ReparseOcci(headers, "OK").Locations, Has.Count.EqualTo(100));
    }

    [Test]
    public void A_listing_beyond_the_bound_goes_on_in_repeated_fields_each_within_it_that_together_hold_every_location()
    {
        const int bound = 4096;
        var headers = RenderLocations(2000, bound);

        Assert.That(headers.Count(h => h.Key == "X-OCCI-Location"), Is.GreaterThan(1));
        Assert.That(headers.Select(FieldBytes), Has.All.LessThanOrEqualTo(bound));
        var locations = ReparseOcci(headers, "OK").Locations;
        Assert.That(locations, Is.EqualTo(Enumerable.Range(0, 2000).Select(i => $"{BaseUrl}/compute/{i:D6}").ToArray()));
    }

    [Test]
    public void Fields_are_filled_up_to_the_bound_before_the_next_one_starts()
    {
        // "X-OCCI-Location: " is 17 bytes; each value 10, each further one 12 with its ", ".
        var headers = Write(17 + 10 + 12 * 2, [.. Enumerable.Range(0, 7).Select(i => ("X-OCCI-Location", $"/c/{i:D7}"))]);
        Assert.That(headers.Select(h => h.Value), Is.EqualTo(new[]
        {
            "/c/0000000, /c/0000001, /c/0000002", "/c/0000003, /c/0000004, /c/0000005", "/c/0000006",
        }));
    }

    [Test]
    public void A_value_longer_than_the_bound_gets_a_field_of_its_own()
    {
        var huge = new string('x', 200);
        var headers = Write(64, ("Link", "a"), ("Link", huge), ("Link", "b"), ("Link", "c"));
        Assert.That(headers.Select(h => h.Value), Is.EqualTo(new[] { "a", huge, "b, c" }));
    }

    [Test]
    public void A_structure_met_again_joins_its_last_field_only_when_both_fit()
    {
        Assert.That(Write(64, ("Category", "a"), ("Link", "b"), ("Category", "c")).Select(h => h.Key + ": " + h.Value),
            Is.EqualTo(new[] { "Category: a, c", "Link: b" }));
        var long40 = new string('y', 40);
        Assert.That(Write(64, ("Category", long40), ("Link", "b"), ("Category", long40)).Select(h => h.Key),
            Is.EqualTo(new[] { "Category", "Link", "Category" }));
    }

    [Test]
    public void The_built_in_model_is_one_category_field_at_the_default_bound()
    {
        var output = new RenderOutput(new ArrayBufferWriter<byte>());
        OcciText.RenderCategories(Model.Categories, Context, output);
        Assert.That(output.Headers.Count(h => h.Key == "Category"), Is.EqualTo(1));
    }

    [Test]
    public void Many_user_mixins_go_on_in_repeated_category_fields_that_parse_back_to_every_mixin()
    {
        const int bound = 8192;
        var mixins = Enumerable.Range(0, 1000)
            .Select(i => new Mixin("http://example.org/tags#", $"tag{i:D4}", $"tag number {i}", $"/tags/tag{i:D4}/", isUserDefined: true))
            .ToArray();
        var output = new RenderOutput(new ArrayBufferWriter<byte>());
        OcciText.RenderCategories(Model.Categories.Concat(mixins), Context with { MaxHeaderFieldBytes = bound }, output);

        Assert.That(output.Headers.Count(h => h.Key == "Category"), Is.GreaterThan(1));
        Assert.That(output.Headers.Select(FieldBytes), Has.All.LessThanOrEqualTo(bound));
        var parsed = ReparseOcci(output.Headers, "OK");
        var terms = parsed.Mixins.Select(m => m.Id.Term).Concat(parsed.Categories.Select(c => c.Term)).ToHashSet();
        Assert.That(mixins.Select(m => m.Id.Term), Is.SubsetOf(terms));
        Assert.That(Model.Categories.Select(c => c.Id.Term).Except(terms), Is.Empty);
    }
}
