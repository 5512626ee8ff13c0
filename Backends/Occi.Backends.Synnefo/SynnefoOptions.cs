using Occi.Backends.OpenStack;

namespace Occi.Backends.Synnefo;

/// <summary>
/// The Occi:Synnefo configuration section: where Astakos is, the token the gateway acts with when the caller brings
/// none, the template schemes, and the bounds of every call to the cloud.
/// </summary>
public sealed class SynnefoOptions
{
    public const string Section = "Occi:Synnefo";

    /// <summary>
    /// Astakos' identity API, e.g. https://accounts.example.org/identity/v2.0: tokens are checked and the service
    /// catalog read there (POST …/tokens), and a 401 of the Astakos scheme names it (snf-auth uri="…").
    /// </summary>
    public string IdentityUrl { get; set; } = "";

    /// <summary>
    /// An Astakos token the gateway acts with for a caller that brings none (authentication off, or a scheme other
    /// than Astakos) and for the model refresh (flavors and images); empty: such callers are refused and no templates are offered.
    /// </summary>
    public string Token { get; set; } = "";

    /// <summary>Catalog endpoints replaced by hand (service type → base URL, e.g. "compute": a proxy in front of Cyclades).</summary>
    public Dictionary<string, string> EndpointOverrides { get; set; } = [];

    /// <summary>Scheme of the os_tpl mixins made from Plankton images (term = image id).</summary>
    public string OsTemplateScheme { get; set; } = "http://schemas.synnefo.org/template/os#";

    /// <summary>Scheme of the resource_tpl mixins made from Cyclades flavors (term = flavor name, C2R2048D20drbd style).</summary>
    public string ResourceTemplateScheme { get; set; } = "http://schemas.synnefo.org/template/resource#";

    /// <summary>
    /// How old what the gateway knows of a Cyclades server may be when a GET answers from it; older, or asked with
    /// Cache-Control: no-cache, Cyclades is asked. The servers of the configured Token's user are followed (List Servers
    /// with changes-since) every half this interval. 0: no read cache, every GET asks Cyclades.
    /// </summary>
    public double StalenessSeconds { get; set; } = 5;

    /// <summary>The value of the "occi_gateway" metadata every server this gateway makes carries (with "occi_id", the OCCI id).</summary>
    public string GatewayTag { get; set; } = "occigateway";

    /// <summary>How long a token Astakos accepted is taken as good without asking again (a revocation takes effect within it).</summary>
    public double TokenCacheSeconds { get; set; } = 60;

    /// <summary>Seconds one request to Astakos, Cyclades or Plankton may take before the client is answered 503.</summary>
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>How often a GET or DELETE that did not get through (refused connection, 502, 503, 504) is sent again.</summary>
    public int RetryCount { get; set; } = 2;

    /// <summary>
    /// Failures (at least half of the requests in 30 seconds, and at least this many) after which the gateway stops
    /// calling the failing service, and for how many seconds: each service has its own circuit.
    /// </summary>
    public int BreakerMinimumThroughput { get; set; } = 5;
    public double BreakerBreakSeconds { get; set; } = 15;

    /// <summary>
    /// These settings in the shape the OpenStack backend's request path reads (its pipelines, catalog and gateway
    /// tag): Astakos answers with a v2.0 catalog whose endpoints are all public ones, so the interface is "public";
    /// the retry delay (0.2 s, jittered), failure ratio (0.5) and sampling window (30 s) are the OpenStack defaults.
    /// </summary>
    internal OpenStackOptions AsOpenStack() => new()
    {
        IdentityUrl = IdentityUrl,
        Interface = "public",
        EndpointOverrides = EndpointOverrides,
        GatewayTag = GatewayTag,
        StalenessSeconds = StalenessSeconds,
        TimeoutSeconds = TimeoutSeconds,
        RetryCount = RetryCount,
        BreakerMinimumThroughput = BreakerMinimumThroughput,
        BreakerBreakSeconds = BreakerBreakSeconds,
    };
}
