namespace Occi.Backends.OpenStack;

/// <summary>
/// The Occi:OpenStack configuration section: where Keystone is, which catalog endpoints to use, the account the
/// gateway acts as when the caller brings no Keystone token (<see cref="OpenStackAccount"/>'s keys, at the section's
/// top), and the bounds of every call to the cloud.
/// </summary>
public sealed class OpenStackOptions : OpenStackAccount
{
    public const string Section = "Occi:OpenStack";

    /// <summary>Keystone v3, e.g. http://keystone.example.org:5000/v3. Every other endpoint comes from its catalog.</summary>
    public string IdentityUrl { get; set; } = "";

    /// <summary>Catalog region of the endpoints; empty: the first endpoint of the interface, whatever its region.</summary>
    public string Region { get; set; } = "";

    /// <summary>Catalog interface of the endpoints: public, internal or admin.</summary>
    public string Interface { get; set; } = "public";

    /// <summary>
    /// Service accounts per tenant: a caller authenticated without a Keystone token (X.509, OIDC, Basic) acts in
    /// OpenStack as the account its tenant names here; a tenant not named uses the configured account above.
    /// </summary>
    public Dictionary<string, OpenStackAccount> ServiceAccounts { get; set; } = [];

    /// <summary>The compute API microversion pinned on every Nova request (OpenStack-API-Version: compute X), and on Nova only.</summary>
    public string NovaMicroversion { get; set; } = "2.79";

    /// <summary>
    /// How old what the gateway knows of a server may be when a GET answers from it; older, or asked with
    /// Cache-Control: no-cache, the cloud is asked. The change follower polls at half this interval.
    /// </summary>
    public double StalenessSeconds { get; set; } = 5;

    /// <summary>Catalog endpoints replaced by hand (service type → base URL, e.g. "compute": a proxy in front of Nova).</summary>
    public Dictionary<string, string> EndpointOverrides { get; set; } = [];

    /// <summary>Scheme of the os_tpl mixins made from Glance images (term = image id).</summary>
    public string OsTemplateScheme { get; set; } = "http://schemas.openstack.org/template/os#";

    /// <summary>Scheme of the resource_tpl mixins made from Nova flavors (term = flavor id).</summary>
    public string ResourceTemplateScheme { get; set; } = "http://schemas.openstack.org/template/resource#";

    /// <summary>Nova's "networks" for a server created without network links: none, or auto (Neutron's auto-allocated topology).</summary>
    public string DefaultNetworks { get; set; } = "none";

    /// <summary>
    /// The value of the "occi_gateway" metadata every server this gateway makes carries (with "occi_id", the OCCI id):
    /// reconciliation takes as its own only servers so tagged; gateways sharing a store share the tag.
    /// </summary>
    public string GatewayTag { get; set; } = "occigateway";

    /// <summary>Bound of one HTTP request to an OpenStack service, in seconds.</summary>
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>Retries of an idempotent request (GET, DELETE) that failed on the way (connection refused, 502/503/504).</summary>
    public int RetryCount { get; set; } = 2;
    public double RetryDelaySeconds { get; set; } = 0.2;

    /// <summary>Circuit breaker per service: failure ratio over the sampling window that opens it, and how long it stays open.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;
    public int BreakerMinimumThroughput { get; set; } = 5;
    public double BreakerSamplingSeconds { get; set; } = 30;
    public double BreakerBreakSeconds { get; set; } = 15;

    /// <summary>A Keystone token is renewed this long before it expires (expires_at), so no call is sent with a dying token.</summary>
    public double TokenRenewSeconds { get; set; } = 120;

    /// <summary>The configured account (its keys are this section's own) as the one a tenant without its own service account acts as.</summary>
    internal OpenStackAccount DefaultAccount => this;
}
