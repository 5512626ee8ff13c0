using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Occi.Server.Auth.Basic;

/// <summary>Occi:Auth:Schemes = Basic.</summary>
internal sealed class BasicScheme : IAuthScheme
{
    public string Name => AuthSchemeNames.Basic;

    public void Register(AuthenticationBuilder authentication, IConfiguration configuration)
    {
        authentication.AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(Name, null);
        authentication.Services.AddOptions<BasicAuthOptions>().Bind(configuration.GetSection(BasicAuthOptions.Section)).ValidateOnStart();
        authentication.Services.AddSingleton<IValidateOptions<BasicAuthOptions>>(new RequiredFileValidator<BasicAuthOptions>(
            $"{BasicAuthOptions.Section}:UsersFile", "a users file of user:hash:tenant[:role] lines", o => o.UsersFile, path => BasicUsers.Load(path)));
        authentication.Services.AddSingleton<BasicUsersSource>();
        authentication.Services.AddHostedService<LoadedAtStart<BasicUsersSource>>();
    }

    public AuthChallenge? Challenge(IServiceProvider services) =>
        new($"Basic realm=\"{services.GetRequiredService<IOptions<BasicAuthOptions>>().Value.Realm}\", charset=\"UTF-8\"");
}
