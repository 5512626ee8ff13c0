namespace Occi.Server.Auth.Keystone;

/// <summary>Occi:Auth:Keystone: X-Auth-Token validated by an OpenStack Keystone, or by the built-in one.</summary>
public sealed class KeystoneAuthOptions
{
    public const string Section = "Occi:Auth:Keystone";

    /// <summary>The Keystone v3 endpoint that validates tokens (http://keystone:5000/v3); empty with only the built-in one.</summary>
    public string Url { get; set; } = "";

    /// <summary>A token allowed to validate others (a service token); or, instead, the service credentials below.</summary>
    public string ServiceToken { get; set; } = "";

    /// <summary>The service user whose token validates the callers' tokens (role service or admin in Keystone).</summary>
    public string ServiceUser { get; set; } = "";

    public string ServicePassword { get; set; } = "";

    /// <summary>The project the service token is scoped to (empty: unscoped).</summary>
    public string ServiceProject { get; set; } = "";

    /// <summary>The domain (by name) of the service user and of its project.</summary>
    public string ServiceDomain { get; set; } = "Default";

    /// <summary>
    /// A 401 carries the Keystone challenge alone (rOCCI-cli matches the whole WWW-Authenticate value), so clients
    /// discover where to get a token; off, it is listed beside the other schemes' challenges.
    /// </summary>
    public bool Discovery { get; set; } = true;

    /// <summary>A cached token is asked about again after this long, so a revocation takes effect within it.</summary>
    public int RevalidateSeconds { get; set; } = 60;

    /// <summary>At most this many validated tokens are remembered.</summary>
    public int MaxCachedTokens { get; set; } = 10000;

    /// <summary>Keystone roles (comma list) that make the caller an OCCI admin (every tenant); none by default.</summary>
    public string AdminRoles { get; set; } = "";

    /// <summary>Each call to Keystone: the time one attempt may take, and how often a failed one is retried.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    public int Retries { get; set; } = 2;

    /// <summary>
    /// The path of the built-in minimal Keystone (such as /identity/) for clouds without one; empty: off. When on,
    /// a 401's Keystone challenge points at it.
    /// </summary>
    public string BuiltIn { get; set; } = "";

    /// <summary>The built-in Keystone's HMAC-SHA256 key for its tokens (base64, at least 32 bytes); empty: a new one at each start.</summary>
    public string BuiltInKey { get; set; } = "";

    /// <summary>How long a token of the built-in Keystone lasts.</summary>
    public int BuiltInTokenMinutes { get; set; } = 60;

    /// <summary>Why these settings cannot be used, or null.</summary>
    internal string? Problem()
    {
        if (Url.Length == 0 && BuiltIn.Length == 0) return $"{Section}:Url (a Keystone v3 endpoint) or {Section}:BuiltIn (a path) must be set";
        if (Url.Length > 0 && !(Uri.TryCreate(Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"))
            return $"{Section}:Url must be an absolute http(s) URL, not '{Url}'";
        if (Url.Length > 0 && ServiceToken.Length == 0 && (ServiceUser.Length == 0 || ServicePassword.Length == 0))
            return $"{Section}:ServiceToken, or {Section}:ServiceUser and ServicePassword, must be set to validate tokens against {Url}";
        if (BuiltIn.Length > 0 && !(BuiltIn.StartsWith('/') && BuiltIn.EndsWith('/') && BuiltIn.Length > 2))
            return $"{Section}:BuiltIn must be a path that starts and ends with '/' (such as /identity/), not '{BuiltIn}'";
        if (BuiltInKey.Length > 0 && !(Convert.TryFromBase64String(BuiltInKey, new byte[BuiltInKey.Length], out var n) && n >= 32))
            return $"{Section}:BuiltInKey must be base64 of at least 32 bytes";
        if (RevalidateSeconds < 1) return $"{Section}:RevalidateSeconds must be at least 1";
        if (MaxCachedTokens < 1) return $"{Section}:MaxCachedTokens must be at least 1";
        if (TimeoutSeconds < 1) return $"{Section}:TimeoutSeconds must be at least 1";
        if (Retries < 0) return $"{Section}:Retries must not be negative";
        if (BuiltInTokenMinutes < 1) return $"{Section}:BuiltInTokenMinutes must be at least 1";
        return null;
    }

    /// <summary>The Keystone v3 endpoint without a trailing slash.</summary>
    internal string V3 => Url.TrimEnd('/');

    internal IReadOnlyList<string> AdminRoleNames => AdminRoles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
