namespace Occi.Server.Auth;

/// <summary>
/// X-Auth-Token: Keystone's header, which rOCCI-cli's <c>-n token</c> also fills with an OpenID Connect access token.
/// A scheme that takes some of its values as its own (OIDC: a JWT of the configured issuer) registers an owner,
/// and the Keystone scheme leaves those values alone.
/// </summary>
internal static class TokenHeader
{
    public const string Name = "X-Auth-Token";

    /// <summary>The request's X-Auth-Token, or null when it has none or a scheme owning such values (OIDC's JWTs) takes it.</summary>
    public static string? UnownedValue(HttpRequest request, IEnumerable<ITokenHeaderOwner> owners)
    {
        var token = request.Headers[Name].ToString();
        return token.Length == 0 || owners.Any(o => o.Owns(token)) ? null : token;
    }
}

/// <summary>Says whether an X-Auth-Token value is this scheme's rather than a Keystone token.</summary>
internal interface ITokenHeaderOwner
{
    bool Owns(string token);
}
