namespace Occi.Server.Auth.Oidc;

/// <summary>Occi:Auth:Oidc: OpenID Connect access tokens (JWT) of one issuer, as bearer tokens or in X-Auth-Token.</summary>
public sealed class OidcAuthOptions
{
    public const string Section = "Occi:Auth:Oidc";

    /// <summary>The issuer (its discovery document at &lt;Issuer&gt;/.well-known/openid-configuration names its keys).</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The audience a token must name (aud): this gateway's resource identifier at the issuer.</summary>
    public string Audience { get; set; } = "";

    /// <summary>The tenant of every OIDC caller; empty: none, so the tenancy mapping file must map their entitlements.</summary>
    public string DefaultTenant { get; set; } = "";

    /// <summary>The discovery document and keys only over https; off for an issuer on loopback (tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How far the token's exp and nbf may be off this server's clock.</summary>
    public int ClockSkewSeconds { get; set; } = 60;

    /// <summary>Why these settings cannot be used, or null.</summary>
    internal string? Problem()
    {
        if (!(Uri.TryCreate(Issuer, UriKind.Absolute, out var issuer) && issuer.Scheme is "http" or "https"))
            return $"{Section}:Issuer must be the issuer's absolute http(s) URL, not '{Issuer}'";
        if (RequireHttpsMetadata && issuer.Scheme != "https")
            return $"{Section}:Issuer must be https while {Section}:RequireHttpsMetadata is true";
        if (Audience.Length == 0) return $"{Section}:Audience must name the audience this gateway's tokens carry";
        if (ClockSkewSeconds < 0) return $"{Section}:ClockSkewSeconds must not be negative";
        return null;
    }
}
