namespace Occi.Server.Auth.X509;

/// <summary>Occi:Auth:X509: client certificates, RFC 3820 proxies and VOMS attribute certificates.</summary>
public sealed class X509AuthOptions
{
    public const string Section = "Occi:Auth:X509";

    /// <summary>The trusted CAs in IGTF layout (/etc/grid-security/certificates): <c>&lt;hash&gt;.0</c> PEM certificates, <c>&lt;hash&gt;.r0</c> CRLs.</summary>
    public string CaPath { get; set; } = "";

    /// <summary>The VOMS servers trusted per VO (/etc/grid-security/vomsdir): <c>&lt;vo&gt;/&lt;host&gt;.lsc</c>, line 1 the server DN, line 2 its CA DN. Empty: attribute certificates are not read.</summary>
    public string VomsDir { get; set; } = "";

    /// <summary>How often (seconds) the two folders are looked at again; a change in them is loaded then.</summary>
    public int ReloadSeconds { get; set; } = 60;

    /// <summary>The header a TLS-terminating proxy puts the client's chain in (URL-encoded PEM, leaf first). Empty: none.</summary>
    public string ForwardedHeader { get; set; } = "";

    /// <summary>Comma list of addresses (or CIDR ranges) whose <see cref="ForwardedHeader"/> is believed; from any other it is ignored.</summary>
    public string TrustedProxies { get; set; } = "";
}
