namespace Occi.Cli.Connection;

/// <summary>How `occi` proves who it is (--auth).</summary>
internal enum AuthKind
{
    /// <summary>No credentials.</summary>
    None,

    /// <summary>RFC 7617 Basic: --user and --password (or OCCI_USER, OCCI_PASSWORD).</summary>
    Basic,

    /// <summary>A Keystone token in X-Auth-Token, as OpenStack services and OCCI gateways in front of them read it.</summary>
    Token,

    /// <summary>A client certificate: an X.509 (RFC 3820 proxy) file holding the certificate, its key and its chain.</summary>
    X509,

    /// <summary>An OpenID Connect access token as an RFC 6750 bearer token.</summary>
    Oidc,
}
