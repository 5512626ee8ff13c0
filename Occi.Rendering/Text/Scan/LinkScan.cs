using Occi.Core.Attributes;
using Occi.Core.Model;
using Occi.Rendering.Text.Grammar;

namespace Occi.Rendering.Text.Scan;

/// <summary>
/// GFD.185 §3.4.2 link-value and §3.4.3 action links, read as <see cref="LinkGrammar"/> reads them:
/// "&lt;" target "&gt;", then parameters separated by ";" or white space, in any order: rel, self, category,
/// and link attributes (typed as X-OCCI-Attribute values). Declines rel, self or category given twice.
/// </summary>
internal static class LinkScan
{
    public static bool TryRead(ref TextScanner s, TextMessage message, out LinkValue value)
    {
        value = default;
        if (!s.Symbol('<')) return false;
        var target = s.LinkTarget();
        if (target.IsEmpty || !s.Symbol('>')) return false;

        IReadOnlyList<CategoryId>? rel = null, categories = null;
        string? self = null;
        List<KeyValuePair<string, AttributeValue>>? attributes = null; // lent by the message: an action link (most Link values) takes none
        while (s.Separator(';') || s.SkipWs1())
        {
            if (!TextScanner.IsNameChar(s.Current) || s.AtEnd) continue;
            var name = s.Name();
            if (name.Equals("rel", StringComparison.OrdinalIgnoreCase))
            {
                if (rel is not null || !s.Separator('=') || !s.TypeIdentifiers(out rel)) return false;
            }
            else if (name.Equals("self", StringComparison.OrdinalIgnoreCase))
            {
                if (self is not null || !s.Separator('=') || !SelfUri(ref s, out self)) return false;
            }
            else if (name.Equals("category", StringComparison.OrdinalIgnoreCase))
            {
                if (categories is not null || !s.Separator('=') || !s.TypeIdentifiers(out categories)) return false;
            }
            else
            {
                if (!TextScanner.IsWholeAttributeName(name) || !s.Separator('=') || !s.TypedValue(out var attribute)) return false;
                (attributes ??= message.LendAttributeList()).Add(new(s.Text(name, TextScanner.ValueKind.AttributeName), attribute));
            }
        }
        value = new LinkValue(new string(target), rel ?? [], self, categories ?? [], (IReadOnlyList<KeyValuePair<string, AttributeValue>>?)attributes ?? []);
        return true;
    }

    /// <summary>LinkGrammar's self: a quoted-string or a bare URI.</summary>
    private static bool SelfUri(ref TextScanner s, out string? self)
    {
        self = null;
        if (s.Current == '"' && !s.AtEnd)
        {
            if (!s.Value(out var quoted)) return false;
            self = quoted;
            return true;
        }
        var uri = s.Uri();
        if (uri.IsEmpty) return false;
        self = new string(uri);
        return true;
    }
}
