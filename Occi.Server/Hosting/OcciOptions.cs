namespace Occi.Server;

/// <summary>The "Occi" configuration section (names fixed by DESIGN.md; see README's configuration table).</summary>
public sealed class OcciOptions
{
    public const string Section = "Occi";

    /// <summary>Local, Libvirt, OpenStack or Synnefo: the backend project Occi.Backends.{Backend} is loaded.</summary>
    public string Backend { get; set; } = "Local";

    /// <summary>Embedded or Mongo: the store project Occi.Storage.{Store} is loaded.</summary>
    public string Store { get; set; } = "Embedded";

    public string DataPath { get; set; } = "./data";

    /// <summary>This gateway's name on the intents it writes, unique among gateways sharing a store; empty: host name and full data path.</summary>
    public string InstanceId { get; set; } = "";

    /// <summary>Absolute base for rendered locations when the server sits behind a proxy; from the request when empty.</summary>
    public string? BaseUrl { get; set; }

    public OcciLimits Limits { get; set; } = new();

    public ReconcileOptions Reconcile { get; set; } = new();

    /// <summary>How often user mixins are re-read from the store, so gateways sharing one store see each other's.</summary>
    public int ModelRefreshSeconds { get; set; } = 10;

    public BackendResilienceOptions Resilience { get; set; } = new();

    public OcciAuthOptions Auth { get; set; } = new();
}

/// <summary>Occi:Auth: who may ask. Each scheme's own settings are in Occi:Auth:&lt;Scheme&gt;, bound by the scheme.</summary>
public sealed class OcciAuthOptions
{
    /// <summary>Comma list of None, Basic, Keystone, X509, Oidc, Signature, tried in that order; None is the open single-tenant mode.</summary>
    public string Schemes { get; set; } = "None";
}

/// <summary>Backend ↔ store reconciliation (see Reconciler).</summary>
public sealed class ReconcileOptions
{
    /// <summary>How often each kind's backend inventory is compared with the store.</summary>
    public int IntervalSeconds { get; set; } = 300;

    /// <summary>Delete backend entities the store does not know (otherwise they are only reported).</summary>
    public bool DeleteOrphans { get; set; }

    /// <summary>How long another gateway's open intent is left to it; past this its writer counts as silent and any gateway finishes it.</summary>
    public int IntentLeaseSeconds { get; set; } = 600;
}

public sealed class OcciLimits
{
    /// <summary>Largest request body accepted; larger ones get 413.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Most OCCI header lines (Category, Link, X-OCCI-Attribute, X-OCCI-Location) in one request.</summary>
    public int MaxOcciHeaders { get; set; } = 1000;

    /// <summary>Largest page a collection GET returns when the client asks for one with ?number=.</summary>
    public int MaxPageSize { get; set; } = 10000;

    /// <summary>Longest text/occi response header field ("Name: value"); longer listings go on in repeated fields (see RenderContext).</summary>
    public int MaxHeaderFieldBytes { get; set; } = Occi.Rendering.RenderContext.DefaultMaxHeaderFieldBytes;

    /// <summary>
    /// Largest attribute value a request may carry, in UTF-8 bytes (an array or object: its members together);
    /// larger ones get 400 before anything is done. 64 KiB holds OpenStack's largest user_data (65,535 bytes).
    /// </summary>
    public int MaxAttributeValueBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// A collection rendering larger than this is not buffered whole: it is sent as it is rendered, with chunked
    /// transfer encoding, about this many bytes at a time. Smaller answers carry Content-Length.
    /// </summary>
    public int ResponseBufferBytes { get; set; } = 1024 * 1024;
}

/// <summary>The Polly pipeline every backend call goes through.</summary>
public sealed class BackendResilienceOptions
{
    public int TimeoutSeconds { get; set; } = 30;
    public int Retries { get; set; } = 2;
    public int RetryBaseDelayMs { get; set; } = 100;
    public double BreakerFailureRatio { get; set; } = 0.5;
    public int BreakerMinimumThroughput { get; set; } = 20;
    public int BreakerBreakSeconds { get; set; } = 15;
}
