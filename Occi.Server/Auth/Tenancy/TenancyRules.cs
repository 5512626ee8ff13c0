using System.Security.Claims;
using System.Text.Json;

namespace Occi.Server.Auth.Tenancy;

/// <summary>
/// The rules of Occi:Tenancy:MappingFile, tried in their order; the first whose conditions all hold names the
/// identity's tenant (and a role). The file (README, "Tenancy mapping"):
/// <code>
/// { "rules": [ { "fqan": "/fedcloud.egi.eu/ops/*", "tenant": "ops", "role": "admin" }, { "user": "alice", "tenant": "a" } ] }
/// </code>
/// with conditions <c>dn</c>, <c>vo</c>, <c>fqan</c>, <c>keystoneProject</c> (id or name), <c>entitlement</c>,
/// <c>user</c> (a Basic or Signature user). Read and checked at start: any mistake stops the start naming it.
/// </summary>
internal sealed class TenancyRules
{
    public static readonly TenancyRules None = new([]);

    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly string[] Conditions = ["dn", "vo", "fqan", "keystoneProject", "entitlement", "user"];

    private readonly IReadOnlyList<TenancyRule> _rules;

    private TenancyRules(IReadOnlyList<TenancyRule> rules) => _rules = rules;

    public int Count => _rules.Count;

    public TenancyRule? FirstMatch(ClaimsPrincipal principal)
    {
        foreach (var rule in _rules)
            if (rule.Matches(principal)) return rule;
        return null;
    }

    /// <summary>
    /// The tenants members of <paramref name="vo"/> act in (issue 16: an appliance of a VO is visible to those): every
    /// rule that holds for a bare VOMS identity of the VO (its vo, its root group as FQAN), else the VO itself, the
    /// tenant a VOMS proxy names when no rule maps it.
    /// </summary>
    public IReadOnlySet<string> TenantsOfVo(string vo)
    {
        var identity = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(OcciClaims.Vo, vo), new Claim(OcciClaims.Fqan, $"/{vo}"), new Claim(OcciClaims.Fqan, $"/{vo}/Role=NULL/Capability=NULL")], "voms"));
        var tenants = _rules.Where(r => r.Matches(identity)).Select(r => r.Tenant).ToHashSet(StringComparer.Ordinal);
        if (tenants.Count == 0) tenants.Add(vo);
        return tenants;
    }

    /// <exception cref="FormatException">Names the file and what is wrong in it.</exception>
    public static TenancyRules Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}");
        }
    }

    /// <exception cref="FormatException">Says what is wrong, and where.</exception>
    public static TenancyRules Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Lenient);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("the mapping must be a JSON object with a \"rules\" array");
            foreach (var member in root.EnumerateObject())
                if (member.Name != "rules") throw new FormatException($"unknown member \"{member.Name}\"; the mapping has only \"rules\"");
            if (!root.TryGetProperty("rules", out var rules) || rules.ValueKind != JsonValueKind.Array)
                throw new FormatException("the mapping needs a \"rules\" array");
            return new TenancyRules(rules.EnumerateArray().Select((r, i) => Rule(r, $"rules[{i}]")).ToArray());
        }
    }

    private static TenancyRule Rule(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new FormatException($"{where} must be an object");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            if (member.Name is not ("tenant" or "role") && !Conditions.Contains(member.Name))
                throw new FormatException($"{where} has an unknown member \"{member.Name}\"; a rule has tenant, role and conditions {string.Join(", ", Conditions)}");
            if (member.Value.ValueKind != JsonValueKind.String || member.Value.GetString() is not { Length: > 0 } text)
                throw new FormatException($"{where}.{member.Name} must be a non-empty string");
            values[member.Name] = text;
        }
        if (!values.TryGetValue("tenant", out var tenant)) throw new FormatException($"{where} names no tenant");
        var rule = new TenancyRule(tenant, values.GetValueOrDefault("role"));
        foreach (var (name, text) in values)
        {
            var pattern = name == "fqan" ? new IdentityPattern(Fqan.Normalise(text)) : new IdentityPattern(text);
            switch (name)
            {
                case "dn": rule.Require(pattern, Same, OcciClaims.Dn); break;
                case "vo": rule.Require(pattern, Same, OcciClaims.Vo); break;
                case "fqan": rule.Require(pattern, Fqan.Normalise, OcciClaims.Fqan); break;
                case "keystoneProject": rule.Require(pattern, Same, OcciClaims.KeystoneProjectId, OcciClaims.KeystoneProjectName); break;
                case "entitlement": rule.Require(pattern, Same, OcciClaims.Entitlement); break;
                case "user": rule.RequireName(pattern, AuthSchemeNames.Basic, AuthSchemeNames.Signature); break;
            }
        }
        if (rule.Conditions == 0) throw new FormatException($"{where} has no condition; give one or more of {string.Join(", ", Conditions)}");
        return rule;
    }

    private static string Same(string value) => value;
}
