using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Occi.Server.Auth.Signature;

/// <summary>Occi:Auth:Schemes = Signature.</summary>
internal sealed class SignatureScheme : IAuthScheme
{
    private const string Section = SignatureAuthOptions.Section;

    public string Name => AuthSchemeNames.Signature;

    public void Register(AuthenticationBuilder authentication, IConfiguration configuration)
    {
        authentication.AddFileScheme<SignatureAuthenticationHandler, SignatureAuthOptions, SignatureKeysSource>(Name,
                configuration.GetSection(Section), nameof(SignatureAuthOptions.KeysFile),
                "a keys file of user:base64key:tenant[:role] lines", o => o.KeysFile, path => SignatureKeys.Load(path))
            .Validate(o => o.WindowSeconds > 0, $"{Section}:WindowSeconds must be a positive number of seconds")
            .Validate(o => o.ReplayCacheEntries > 0, $"{Section}:ReplayCacheEntries must be positive");
        authentication.Services.AddSingleton(sp => new ReplayCache(
            sp.GetRequiredService<IOptions<SignatureAuthOptions>>().Value.ReplayCacheEntries, sp.GetRequiredService<TimeProvider>()));
    }

    public AuthChallenge? Challenge(IServiceProvider services) =>
        new($"Signature headers=\"{SignatureAuthenticationHandler.UserHeader} {SignatureAuthenticationHandler.SignatureHeader} date\"");
}
