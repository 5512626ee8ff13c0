using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Occi.Server.Auth.Signature;

/// <summary>Occi:Auth:Schemes = Signature.</summary>
internal sealed class SignatureScheme : IAuthScheme
{
    public string Name => AuthSchemeNames.Signature;

    public void Register(AuthenticationBuilder authentication, IConfiguration configuration)
    {
        authentication.AddScheme<AuthenticationSchemeOptions, SignatureAuthenticationHandler>(Name, null);
        var services = authentication.Services;
        services.AddOptions<SignatureAuthOptions>().Bind(configuration.GetSection(SignatureAuthOptions.Section))
            .Validate(o => o.WindowSeconds > 0, $"{SignatureAuthOptions.Section}:WindowSeconds must be a positive number of seconds")
            .Validate(o => o.ReplayCacheEntries > 0, $"{SignatureAuthOptions.Section}:ReplayCacheEntries must be positive")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignatureAuthOptions>>(new RequiredFileValidator<SignatureAuthOptions>(
            $"{SignatureAuthOptions.Section}:KeysFile", "a keys file of user:base64key:tenant[:role] lines", o => o.KeysFile, path => SignatureKeys.Load(path)));
        services.AddSingleton<SignatureKeysSource>();
        services.AddHostedService<LoadedAtStart<SignatureKeysSource>>();
        services.AddSingleton(sp => new ReplayCache(
            sp.GetRequiredService<IOptions<SignatureAuthOptions>>().Value.ReplayCacheEntries, sp.GetRequiredService<TimeProvider>()));
    }

    public AuthChallenge? Challenge(IServiceProvider services) =>
        new($"Signature headers=\"{SignatureAuthenticationHandler.UserHeader} {SignatureAuthenticationHandler.SignatureHeader} date\"");
}
