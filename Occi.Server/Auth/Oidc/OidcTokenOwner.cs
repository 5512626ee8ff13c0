using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Occi.Server.Auth.Oidc;

/// <summary>
/// An X-Auth-Token that is a JWT whose iss is the configured issuer is an OIDC access token (rOCCI-cli's
/// <c>-n token</c> for EGI Check-in users), tried by the OIDC scheme; any other value is left to Keystone.
/// Reading the issuer proves nothing: the OIDC scheme then validates the token in full.
/// </summary>
internal sealed class OidcTokenOwner(IOptions<OidcAuthOptions> options) : ITokenHeaderOwner
{
    private readonly JsonWebTokenHandler _reader = new();

    public bool Owns(string token)
    {
        if (!_reader.CanReadToken(token)) return false;
        try
        {
            return new JsonWebToken(token).Issuer == options.Value.Issuer;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
