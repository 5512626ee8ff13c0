using Occi.Rendering.Text.Grammar;

namespace Occi.Rendering.Text.Scan;

/// <summary>
/// GFD.185 §3.4.1 attributes="…" of a Category value: attribute-def = attribute-name
/// [ "{" attribute-property *( 1*SP attribute-property ) "}" ], white-space separated inside quotes,
/// or a single bare one; properties "immutable" and "required" in any case (as <see cref="CategoryGrammar"/>).
/// </summary>
internal static class AttributeListScan
{
    public static bool TryRead(ref TextScanner s, out IReadOnlyList<AttributeSpec> specs)
    {
        specs = [];
        if (s.Current != '"' || s.AtEnd)
        {
            if (!TryDefinition(ref s, out var single)) return false;
            specs = new[] { single };
            return true;
        }
        s.Symbol('"');
        s.SkipOws();
        var list = new List<AttributeSpec>();
        while (char.IsAsciiLetter(s.Current))
        {
            if (!TryDefinition(ref s, out var spec)) return false;
            list.Add(spec);
            s.SkipOws();
        }
        if (!s.Symbol('"')) return false;
        specs = list;
        return true;
    }

    private static bool TryDefinition(ref TextScanner s, out AttributeSpec spec)
    {
        spec = default;
        var name = s.AttributeName();
        if (name.IsEmpty) return false;
        bool immutable = false, required = false;
        if (s.Symbol('{'))
        {
            s.SkipOws();
            while (true)
            {
                if (s.Literal("immutable")) immutable = true;
                else if (s.Literal("required")) required = true;
                else break;
                s.SkipOws();
            }
            if (!s.Symbol('}')) return false;
        }
        spec = new AttributeSpec(s.Text(name, TextScanner.ValueKind.AttributeName), immutable, required);
        return true;
    }
}
