using Microsoft.AspNetCore.Authentication;
using Occi.Core.BackendContracts;

namespace Occi.Server.Auth.Astakos;

/// <summary>
/// Occi:Auth:Schemes = Astakos: X-Auth-Token holds a token of Synnefo's Astakos, checked by the backend whose cloud
/// issues it (<see cref="ICloudTokens"/>, which Occi:Backend = Synnefo registers), so the server names no backend
/// type and the token is checked once with Astakos for the scheme and the backend's calls both. Its settings are the
/// backend's (Occi:Synnefo:IdentityUrl): the scheme has no section of its own.
/// </summary>
internal sealed class AstakosScheme : IAuthScheme
{
    public string Name => AuthSchemeNames.Astakos;

    public void Register(AuthenticationBuilder authentication, IConfiguration configuration)
    {
        authentication.AddScheme<AuthenticationSchemeOptions, AstakosAuthenticationHandler>(Name, null);
        // Without a backend that checks Astakos tokens the scheme could let no one in: stop the start, naming why.
        authentication.Services.AddOptions<AstakosSchemeCheck>()
            .Validate<IEnumerable<ICloudTokens>>((_, tokens) => tokens.Any(),
                $"{AuthenticationSetup.SchemesKey} = {AuthSchemeNames.Astakos} needs Occi:Backend = Synnefo, whose Astakos issues the tokens")
            .ValidateOnStart();
    }

    /// <summary>
    /// <c>snf-auth uri="&lt;Astakos identity URL&gt;"</c>, alone on the 401: rOCCI-cli matches the whole
    /// WWW-Authenticate value (^(Keystone|snf-auth) uri=…) to find where a Synnefo site issues tokens.
    /// </summary>
    public AuthChallenge? Challenge(IServiceProvider services) =>
        new(services.GetRequiredService<ICloudTokens>().Challenge, Alone: true);

    /// <summary>The options type the start check hangs on; it holds nothing.</summary>
    private sealed class AstakosSchemeCheck;
}
