using System.Globalization;
using System.Text;
using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Rendering.Text.Grammar;
using Occi.Rendering.Text.Scan;
using static Occi.Rendering.Tests.Text.TextTestSupport;

namespace Occi.Rendering.Tests.Text;

/// <summary>
/// The contract between the fast path (Text/Scan) and the grammar: when the fast path accepts a message, it
/// read what the grammar reads, item by item; when the grammar fails, the fast path declined. Nothing escapes
/// the fast path. Every parse of the text tests' helpers (<see cref="TextTestSupport"/>) checks it too.
/// </summary>
internal static class FastPathAgreement
{
    /// <summary>Checks one input as text/plain (<paramref name="readsHeaders"/> false) or text/occi reads it; true when the fast path accepted.</summary>
    public static bool Check(ParseInput input, bool readsHeaders, string what)
    {
        var fast = new TextMessage();
        bool accepted;
        try
        {
            accepted = TextFastPath.TryRead(input, ModelVocabulary.Of(Model), readsHeaders, fast);
        }
        catch (Exception e)
        {
            Assert.Fail($"the fast path threw {e.GetType().Name} for {what}: {e.Message}");
            throw;
        }

        var grammar = new TextMessage();
        Exception? error = null;
        try
        {
            ReadWithGrammar(input, readsHeaders, grammar);
        }
        catch (Exception e) when (e is not AssertionException)
        {
            error = e;
        }

        if (error is not null)
            Assert.That(accepted, Is.False, $"the fast path accepted what the grammar rejects ({error.Message}): {what}");
        else if (accepted)
            Assert.That(Describe(fast), Is.EqualTo(Describe(grammar)), $"the fast path read otherwise than the grammar: {what}");
        return accepted;
    }

    public static bool CheckBody(string body, bool readsHeaders = false) => Check(ParseInput.FromBody(Encoding.UTF8.GetBytes(body)), readsHeaders, body);

    /// <summary>What TextPlainRendering / TextOcciRendering read, with the grammar alone.</summary>
    private static void ReadWithGrammar(ParseInput input, bool readsHeaders, TextMessage message)
    {
        if (readsHeaders)
        {
            TextSource.ReadHeaders(input.Headers, message);
            var body = input.Body.Span.Trim(" \t\r\n"u8);
            if (body.IsEmpty || body.SequenceEqual("OK"u8)) return;
        }
        TextSource.ReadBody(input.Body.Span, message);
    }

    /// <summary>Every item of a message as a line of text: equal lines, equal messages (value kinds included).</summary>
    public static List<string> Describe(TextMessage m)
    {
        var lines = new List<string>();
        foreach (var c in m.Categories)
            lines.Add($"Category {Id(c.Id)} class={S(c.Class)} title={S(c.Title)} location={S(c.Location)} rel=[{Ids(c.Rel)}] "
                + $"attributes=[{string.Join(" ", c.Attributes.Select(a => $"{S(a.Name)}{{{a.Immutable},{a.Required}}}"))}] actions=[{Ids(c.Actions)}]");
        foreach (var l in m.Links)
            lines.Add($"Link {S(l.Target)} rel=[{Ids(l.Rel)}] self={S(l.Self)} category=[{Ids(l.Categories)}] {Attributes(l.Attributes)}");
        lines.Add("Attributes " + Attributes(m.Attributes));
        lines.Add("Locations " + string.Join(" ", m.Locations.Select(S)));
        return lines;
    }

    private static string S(string? s) => s is null ? "null" : $"{s.Length}:{s}";

    private static string Id(CategoryId id) => $"{S(id.Scheme)}|{S(id.Term)}";

    private static string Ids(IEnumerable<CategoryId> ids) => string.Join(" ", ids.Select(Id));

    private static string Attributes(IEnumerable<KeyValuePair<string, AttributeValue>> attributes) =>
        string.Join(" ", attributes.Select(a => $"{S(a.Key)}={a.Value.Kind}:{Value(a.Value)}"));

    private static string Value(AttributeValue v) => v.Kind switch
    {
        AttributeValueKind.Number => v.AsNumber.ToString("R", CultureInfo.InvariantCulture),
        _ => S(v.ToString()),
    };
}
