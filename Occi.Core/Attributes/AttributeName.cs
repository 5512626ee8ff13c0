namespace Occi.Core.Attributes;

/// <summary>
/// GFD.185 §3.2: attribute-name = attr-component *( "." attr-component ),
/// attr-component = LOALPHA *( LOALPHA / DIGIT / "-" / "_" ). OCCI 1.2 also allows upper case.
/// </summary>
public static class AttributeName
{
    public static bool IsValid(string? name, bool strict11 = false)
    {
        if (string.IsNullOrEmpty(name)) return false;
        var componentStart = true;
        foreach (var c in name)
        {
            if (componentStart)
            {
                if (!(c is >= 'a' and <= 'z' || (!strict11 && c is >= 'A' and <= 'Z'))) return false;
                componentStart = false;
            }
            else if (c == '.') componentStart = true;
            else if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' || (!strict11 && c is >= 'A' and <= 'Z')))
                return false;
        }
        return !componentStart;
    }
}
