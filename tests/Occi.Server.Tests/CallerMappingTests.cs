using System.Security.Claims;
using Occi.Server.Auth;
using Occi.Server.Auth.Tenancy;

namespace Occi.Server.Tests;

/// <summary>
/// Occi:Tenancy:MappingFile through CallerMapping, the one place a principal becomes a Caller: each rule kind on
/// principals built from OcciClaims as the scheme handlers build them, the order of the rules, the fallback to the
/// tenant the credentials name, and the file's mistakes.
/// </summary>
public sealed class CallerMappingTests
{
    private const string Rules = """
        {
          // first match wins
          "rules": [
            { "dn": "/DC=org/DC=example/CN=Admin*", "tenant": "ops", "role": "admin" },
            { "dn": "/DC=org/DC=example/CN=*", "tenant": "example" },
            { "fqan": "/fedcloud.egi.eu/ops/Role=VMManager", "tenant": "fedcloud-ops", "role": "manager" },
            { "fqan": "/fedcloud.egi.eu/*", "tenant": "fedcloud-groups" },
            { "fqan": "/fedcloud.egi.eu", "tenant": "fedcloud" },
            { "vo": "dteam", "tenant": "dteam" },
            { "keystoneProject": "3f1c0e8a", "tenant": "by-project-id" },
            { "keystoneProject": "demo", "tenant": "by-project-name" },
            { "entitlement": "urn:mace:egi.eu:group:vo.access.egi.eu:role=member#aai.egi.eu", "tenant": "access" },
            { "user": "carol", "tenant": "carols" },
            { "user": "svc-*", "tenant": "services", "role": "admin" },
            { "vo": "biomed", "fqan": "/biomed/lab/*", "tenant": "biomed-lab" },
          ],
        }
        """;

    private static readonly CallerMapping Mapping = new(TenancyRules.Parse(Rules));

    private static ClaimsPrincipal Principal(string scheme, string name, params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(
            new[] { new Claim(OcciClaims.Name, name), new Claim(OcciClaims.Scheme, scheme) }.Concat(claims.Select(c => new Claim(c.Type, c.Value))),
            scheme, OcciClaims.Name, OcciClaims.Role));

    private static ClaimsPrincipal Certificate(string dn, string? vo = null, params string[] fqans)
    {
        var claims = new List<(string, string)> { (OcciClaims.Dn, dn) };
        if (vo is not null) claims.Add((OcciClaims.Vo, vo));
        claims.AddRange(fqans.Select(f => (OcciClaims.Fqan, f)));
        return Principal(AuthSchemeNames.X509, dn, claims.ToArray());
    }

    [Test]
    public void A_dn_pattern_maps_and_the_first_matching_rule_wins()
    {
        var admin = Mapping.Map(Certificate("/DC=org/DC=example/CN=Admin One"))!;
        Assert.That((admin.Tenant, admin.Roles), Is.EqualTo(("ops", (IReadOnlyList<string>)["admin"])));
        Assert.That(Mapping.Map(Certificate("/DC=org/DC=example/CN=Jane Doe"))!.Tenant, Is.EqualTo("example"));
    }

    [Test]
    public void A_dn_pattern_matches_the_whole_dn_only()
    {
        Assert.That(Mapping.Map(Certificate("/DC=com/DC=other/DC=org/DC=example/CN=Jane")), Is.Null);
    }

    [TestCase("/fedcloud.egi.eu/ops/Role=VMManager/Capability=NULL", "fedcloud-ops")]
    [TestCase("/fedcloud.egi.eu/ops/Role=NULL/Capability=NULL", "fedcloud-groups")]
    [TestCase("/fedcloud.egi.eu/Role=NULL/Capability=NULL", "fedcloud")]
    [TestCase("/fedcloud.egi.eu", "fedcloud")]
    public void An_fqan_pattern_maps_as_a_voms_to_project_mapping_does(string fqan, string tenant)
    {
        Assert.That(Mapping.Map(Certificate("/CN=someone", "fedcloud.egi.eu", fqan))!.Tenant, Is.EqualTo(tenant));
    }

    [Test]
    public void An_fqan_rule_gives_its_role()
    {
        var caller = Mapping.Map(Certificate("/CN=someone", "fedcloud.egi.eu", "/fedcloud.egi.eu/Role=NULL/Capability=NULL", "/fedcloud.egi.eu/ops/Role=VMManager/Capability=NULL"))!;
        Assert.That(caller.Tenant, Is.EqualTo("fedcloud-ops"));
        Assert.That(caller.Roles, Is.EqualTo(new[] { "manager" }));
    }

    [Test]
    public void A_vo_maps()
    {
        Assert.That(Mapping.Map(Certificate("/CN=someone", "dteam", "/dteam/Role=NULL/Capability=NULL"))!.Tenant, Is.EqualTo("dteam"));
    }

    [Test]
    public void A_rule_with_several_conditions_needs_them_all()
    {
        Assert.That(Mapping.Map(Certificate("/CN=someone", "biomed", "/biomed/lab/Role=Analyst/Capability=NULL"))!.Tenant, Is.EqualTo("biomed-lab"));
        Assert.That(Mapping.Map(Certificate("/CN=someone", "biomed", "/biomed/other/Role=Analyst")), Is.Null);
    }

    [TestCase(OcciClaims.KeystoneProjectId, "3f1c0e8a", "by-project-id")]
    [TestCase(OcciClaims.KeystoneProjectName, "demo", "by-project-name")]
    public void A_keystone_project_maps_by_id_or_name(string claim, string value, string tenant)
    {
        var principal = Principal(AuthSchemeNames.Keystone, "user-id", (claim, value), (OcciClaims.Tenant, "project-from-token"));
        Assert.That(Mapping.Map(principal)!.Tenant, Is.EqualTo(tenant));
    }

    [Test]
    public void An_oidc_entitlement_maps()
    {
        var principal = Principal(AuthSchemeNames.Oidc, "sub-123@egi.eu",
            (OcciClaims.Entitlement, "urn:mace:egi.eu:group:other#aai.egi.eu"),
            (OcciClaims.Entitlement, "urn:mace:egi.eu:group:vo.access.egi.eu:role=member#aai.egi.eu"));
        Assert.That(Mapping.Map(principal)!.Tenant, Is.EqualTo("access"));
    }

    [TestCase(AuthSchemeNames.Basic)]
    [TestCase(AuthSchemeNames.Signature)]
    public void A_basic_or_signature_user_maps_by_name_and_pattern(string scheme)
    {
        Assert.That(Mapping.Map(Principal(scheme, "carol", (OcciClaims.Tenant, "from-file")))!.Tenant, Is.EqualTo("carols"));
        var service = Mapping.Map(Principal(scheme, "svc-backup", (OcciClaims.Role, "reader")))!;
        Assert.That(service.Tenant, Is.EqualTo("services"));
        Assert.That(service.Roles, Is.EquivalentTo(new[] { "reader", "admin" }));
    }

    [Test]
    public void A_user_rule_does_not_match_another_schemes_identity_of_that_name()
    {
        Assert.That(Mapping.Map(Principal(AuthSchemeNames.Oidc, "carol")), Is.Null);
    }

    [Test]
    public void Without_a_matching_rule_the_tenant_the_credentials_name_is_used()
    {
        var caller = Mapping.Map(Principal(AuthSchemeNames.Basic, "alice", (OcciClaims.Tenant, "tenant-a"), (OcciClaims.BackendToken, "t")))!;
        Assert.That((caller.Name, caller.Tenant, caller.Token), Is.EqualTo(("alice", "tenant-a", "t")));
    }

    [Test]
    public void No_rule_and_no_tenant_in_the_credentials_maps_to_no_caller()
    {
        Assert.That(Mapping.Map(Principal(AuthSchemeNames.Basic, "dave")), Is.Null);
    }

    [Test]
    public void Without_a_mapping_file_the_credentials_tenant_is_used()
    {
        var mapping = new CallerMapping(TenancyRules.None);
        Assert.That(mapping.Map(Principal(AuthSchemeNames.Basic, "carol", (OcciClaims.Tenant, "from-file")))!.Tenant, Is.EqualTo("from-file"));
    }

    [TestCase("{", "line")]
    [TestCase("[]", "\"rules\"")]
    [TestCase("""{ "rules": [ { "dn": "/CN=x" } ] }""", "rules[0] names no tenant")]
    [TestCase("""{ "rules": [ { "tenant": "t" } ] }""", "rules[0] has no condition")]
    [TestCase("""{ "rules": [ { "user": "a", "tenant": "t" }, { "project": "p", "tenant": "t" } ] }""", "rules[1] has an unknown member \"project\"")]
    [TestCase("""{ "rules": [ { "vo": 3, "tenant": "t" } ] }""", "rules[0].vo must be a non-empty string")]
    [TestCase("""{ "rules": [], "default": "t" }""", "unknown member \"default\"")]
    public void A_bad_mapping_is_refused_saying_what_and_where(string json, string problem)
    {
        var e = Assert.Throws<FormatException>(() => TenancyRules.Parse(json))!;
        Assert.That(e.Message, Does.Contain(problem));
    }
}
