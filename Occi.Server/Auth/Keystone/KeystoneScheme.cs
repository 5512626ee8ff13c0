using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Occi.Server.Auth.Identity;

namespace Occi.Server.Auth.Keystone;

/// <summary>Occi:Auth:Schemes = Keystone.</summary>
internal sealed class KeystoneScheme : IAuthScheme
{
    public string Name => AuthSchemeNames.Keystone;

    public void Register(AuthenticationBuilder authentication, IConfiguration configuration)
    {
        authentication.AddScheme<AuthenticationSchemeOptions, KeystoneAuthenticationHandler>(Name, null);
        var services = authentication.Services;
        services.AddSchemeOptions<KeystoneAuthOptions>(configuration, KeystoneAuthOptions.Section, o => o.Problem());
        services.AddHttpClient(KeystoneClient.HttpClientName);
        services.AddSingleton<KeystoneClient>();
        services.AddSingleton<KeystoneTokens>();
        services.AddSingleton<IdentityTokens>();
    }

    /// <summary>
    /// <c>Keystone uri="…"</c>, exactly as rOCCI-cli matches it (^(Keystone|snf-auth) uri=("|')(.+)("|')$), naming the
    /// built-in Keystone when it is on, else Occi:Auth:Keystone:Url; alone on the 401 while Discovery is on.
    /// </summary>
    public AuthChallenge? Challenge(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<KeystoneAuthOptions>>().Value;
        if (options.BuiltIn.Length == 0) return new AuthChallenge($"Keystone uri=\"{options.Url}\"", options.Discovery);
        var baseUrl = services.GetRequiredService<IOptions<OcciOptions>>().Value.BaseUrl;
        if (!string.IsNullOrEmpty(baseUrl)) return new AuthChallenge($"Keystone uri=\"{baseUrl.TrimEnd('/')}{options.BuiltIn}\"", options.Discovery);
        return new AuthChallenge($"Keystone uri=\"{options.BuiltIn}\"", options.Discovery)
        {
            ForRequest = request => $"Keystone uri=\"{request.Scheme}://{request.Host}{request.PathBase}{options.BuiltIn}\"",
        };
    }
}
