using Occi.Rendering.Text.Grammar;

namespace Occi.Rendering.Text.Scan;

/// <summary>
/// The four rendering structures (GFD.185 §3.4) by name, and their comma-separated values (RFC 2616 #list),
/// as one text/occi header value or one text/plain body line (<see cref="FieldGrammar"/>).
/// </summary>
internal static class FieldScan
{
    public enum Structure { None, Category, Link, Attribute, Location }

    /// <summary>Names compare case-insensitively (rOCCI writes "X-Occi-Attribute").</summary>
    public static Structure StructureOf(ReadOnlySpan<char> name) => name.Length switch
    {
        8 when name.Equals(FieldGrammar.Category, StringComparison.OrdinalIgnoreCase) => Structure.Category,
        4 when name.Equals(FieldGrammar.Link, StringComparison.OrdinalIgnoreCase) => Structure.Link,
        16 when name.Equals(FieldGrammar.Attribute, StringComparison.OrdinalIgnoreCase) => Structure.Attribute,
        15 when name.Equals(FieldGrammar.Location, StringComparison.OrdinalIgnoreCase) => Structure.Location,
        _ => Structure.None,
    };

    /// <summary>A whole header value: OWS #values OWS.</summary>
    public static bool TryReadHeader(ReadOnlySpan<char> value, Structure structure, ModelVocabulary vocabulary, TextMessage message)
    {
        var s = new TextScanner(value, vocabulary);
        s.SkipOws();
        if (!TryReadValues(ref s, structure, message)) return false;
        s.SkipOws();
        return s.AtEnd;
    }

    /// <summary>
    /// One body line (no line break in it): name ":" #values, trailing white space allowed. Declines a line
    /// that does not start with the name (indented) and rOCCI's literal "\n" between two structures.
    /// </summary>
    public static bool TryReadLine(ReadOnlySpan<char> line, ModelVocabulary vocabulary, TextMessage message)
    {
        var s = new TextScanner(line, vocabulary);
        var structure = StructureOf(s.Name());
        if (structure == Structure.None || !s.Separator(':') || !TryReadValues(ref s, structure, message)) return false;
        s.SkipOws();
        return s.AtEnd;
    }

    private static bool TryReadValues(ref TextScanner s, Structure structure, TextMessage message)
    {
        switch (structure)
        {
            case Structure.Category:
                do
                {
                    if (!CategoryScan.TryRead(ref s, out var category)) return false;
                    message.Categories.Add(category);
                } while (s.Separator(','));
                return true;
            case Structure.Link:
                do
                {
                    if (!LinkScan.TryRead(ref s, message, out var link)) return false;
                    message.Links.Add(link);
                } while (s.Separator(','));
                return true;
            case Structure.Attribute:
                // GFD.185 §3.4.4 attribute-repr = attribute-name "=" value; a trailing ";" tolerated (rOCCI).
                do
                {
                    var name = s.AttributeName();
                    if (name.IsEmpty || !s.Separator('=') || !s.TypedValue(out var value)) return false;
                    message.Attributes.Add(new(s.Text(name, TextScanner.ValueKind.AttributeName), value));
                } while (s.Separator(','));
                s.Separator(';');
                return true;
            case Structure.Location:
                // GFD.185 §3.4.5 location-value = URI-reference, in angle brackets too.
                do
                {
                    var bracketed = s.Symbol('<');
                    var uri = s.Uri();
                    if (uri.IsEmpty || (bracketed && !s.Symbol('>'))) return false;
                    message.Locations.Add(new string(uri));
                } while (s.Separator(','));
                return true;
            default:
                return false;
        }
    }
}
