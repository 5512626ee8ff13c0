namespace Occi.Server.Auth;

/// <summary>The values of Occi:Auth:Schemes (DESIGN.md), which are also the ASP.NET Core scheme names.</summary>
internal static class AuthSchemeNames
{
    public const string None = "None";
    public const string Basic = "Basic";
    public const string Keystone = "Keystone";
    public const string X509 = "X509";
    public const string Oidc = "Oidc";
    public const string Signature = "Signature";

    /// <summary>Synnefo's Astakos tokens, checked by the Synnefo backend (Occi:Backend = Synnefo).</summary>
    public const string Astakos = "Astakos";

    /// <summary>
    /// The schemes a comma list switches on, in its order (the order they are tried in), spelt as above.
    /// Empty for None; an unknown or repeated name, or None beside another, is an error naming it.
    /// </summary>
    public static IReadOnlyList<string> Parse(string? list, out string? error)
    {
        error = null;
        var names = new List<string>();
        foreach (var part in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = Canonical(part);
            if (name is null) error ??= $"Occi:Auth:Schemes names '{part}'; known schemes are {None}, {Basic}, {Keystone}, {X509}, {Oidc}, {Signature} and {Astakos}";
            else if (names.Contains(name)) error ??= $"Occi:Auth:Schemes names {name} twice";
            else names.Add(name);
        }
        if (names.Contains(None))
        {
            if (names.Count > 1) error ??= $"Occi:Auth:Schemes cannot combine {None} with other schemes";
            names.Clear();
        }
        return names;
    }

    private static string? Canonical(string name) =>
        new[] { None, Basic, Keystone, X509, Oidc, Signature, Astakos }.FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
}
