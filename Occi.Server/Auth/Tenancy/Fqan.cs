namespace Occi.Server.Auth.Tenancy;

/// <summary>
/// VOMS fully qualified attribute names, <c>/vo/group[/subgroup]/Role=R/Capability=C</c>. A role or capability of
/// NULL means none, so <c>/vo/Role=NULL/Capability=NULL</c>, <c>/vo/Role=NULL</c> and <c>/vo</c> are one FQAN and
/// match one rule; rules and claims are compared in that shortest form.
/// </summary>
internal static class Fqan
{
    public static string Normalise(string fqan)
    {
        var text = fqan.TrimEnd('/');
        foreach (var none in new[] { "/Capability=NULL", "/Role=NULL" })
            if (text.EndsWith(none, StringComparison.Ordinal)) text = text[..^none.Length];
        return text;
    }
}
