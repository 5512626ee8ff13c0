using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Occi.Server.Auth;

/// <summary>What the schemes whose users are in a credentials file (Basic, Signature) register alike.</summary>
internal static class FileSchemeRegistration
{
    /// <summary>
    /// The handler under the scheme's name; its options bound from their section and checked at start, the file
    /// included (it must exist and read: <see cref="RequiredFileValidator{TOptions}"/>); the file's source, read at start.
    /// </summary>
    /// <returns>The options builder, for the scheme's other checks.</returns>
    public static OptionsBuilder<TOptions> AddFileScheme<THandler, TOptions, TSource>(this AuthenticationBuilder authentication, string name,
        IConfigurationSection section, string fileKey, string content, Func<TOptions, string> file, Action<string> read)
        where THandler : AuthenticationHandler<AuthenticationSchemeOptions> where TOptions : class where TSource : class
    {
        authentication.AddScheme<AuthenticationSchemeOptions, THandler>(name, null);
        var services = authentication.Services;
        services.AddSingleton<IValidateOptions<TOptions>>(new RequiredFileValidator<TOptions>($"{section.Path}:{fileKey}", content, file, read));
        services.AddSingleton<TSource>();
        services.AddHostedService<LoadedAtStart<TSource>>();
        return services.AddOptions<TOptions>().Bind(section).ValidateOnStart();
    }
}
