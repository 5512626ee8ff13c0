using Occi.Core.Model;
using Occi.Rendering.Text.Grammar;

namespace Occi.Rendering.Text.Scan;

/// <summary>
/// GFD.185 §3.4.1 category-value, read as <see cref="CategoryGrammar"/> reads it: term, then parameters
/// separated by ";" (or, after the first, by white space alone), in any order, names in any case.
/// Declines a parameter given twice, a parameter the grammar ignores (the grammar still counts it
/// against repetition), a scheme not ending in '#', a scheme or class holding escapes, a class other than
/// kind, mixin or action in ASCII letters, and a value missing its scheme.
/// </summary>
internal static class CategoryScan
{
    public static bool TryRead(ref TextScanner s, out CategoryValue value)
    {
        value = default;
        var term = s.Term();
        if (term.IsEmpty || !s.Separator(';')) return false;

        ReadOnlySpan<char> scheme = default, location = default;
        string? @class = null, title = null, escapedLocation = null;
        var haveLocation = false;
        IReadOnlyList<CategoryId>? rel = null, actions = null;
        IReadOnlyList<AttributeSpec>? attributes = null;
        var haveScheme = false;
        while (true)
        {
            if (TextScanner.IsNameChar(s.Current) && !s.AtEnd)
            {
                var name = s.Name();
                s.SkipOws();
                if (!s.Symbol('=')) return false;
                s.SkipOws();
                if (name.Equals("scheme", StringComparison.OrdinalIgnoreCase))
                {
                    if (haveScheme || !s.RawValue(out scheme, out var escaped) || escaped || scheme.IsEmpty || scheme[^1] != '#') return false;
                    haveScheme = true;
                }
                else if (name.Equals("class", StringComparison.OrdinalIgnoreCase))
                {
                    if (@class is not null || !s.RawValue(out var raw, out var escaped) || escaped || ClassName(raw) is not { } c) return false;
                    @class = c;
                }
                else if (name.Equals("title", StringComparison.OrdinalIgnoreCase))
                {
                    if (title is not null || !s.Value(out title, TextScanner.ValueKind.Title)) return false;
                }
                else if (name.Equals("location", StringComparison.OrdinalIgnoreCase))
                {
                    // Kept as characters until the category is known: the vocabulary may hold the string.
                    if (haveLocation || !s.RawValue(out location, out var escaped)) return false;
                    if (escaped) escapedLocation = s.Unescaped(location, TextScanner.ValueKind.Text);
                    haveLocation = true;
                }
                else if (name.Equals("rel", StringComparison.OrdinalIgnoreCase))
                {
                    if (rel is not null || !s.TypeIdentifiers(out rel)) return false;
                }
                else if (name.Equals("actions", StringComparison.OrdinalIgnoreCase))
                {
                    if (actions is not null || !s.TypeIdentifiers(out actions)) return false;
                }
                else if (name.Equals("attributes", StringComparison.OrdinalIgnoreCase))
                {
                    if (attributes is not null || !AttributeListScan.TryRead(ref s, out attributes)) return false;
                }
                else return false;
            }
            if (s.Separator(';')) continue;
            if (!s.SkipWs1()) break;
        }
        if (!haveScheme) return false;
        var id = s.Identity(scheme, term);
        var locationText = !haveLocation ? null : escapedLocation ?? (location.IsEmpty ? "" : s.Vocabulary.Location(id, location));
        value = new CategoryValue(id, @class, title, rel ?? [], locationText, attributes ?? [], actions ?? []);
        return true;
    }

    /// <summary>The grammar's Class: kind, mixin or action in any (ASCII) case, as the lower-case word.</summary>
    private static string? ClassName(ReadOnlySpan<char> raw) =>
        System.Text.Ascii.EqualsIgnoreCase(raw, "kind") ? "kind"
        : System.Text.Ascii.EqualsIgnoreCase(raw, "mixin") ? "mixin"
        : System.Text.Ascii.EqualsIgnoreCase(raw, "action") ? "action"
        : null;
}
