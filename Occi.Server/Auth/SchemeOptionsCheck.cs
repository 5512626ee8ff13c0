using Microsoft.Extensions.Options;

namespace Occi.Server.Auth;

/// <summary>A scheme's options checked at start by a function that names the key that is wrong (null when all is well).</summary>
internal sealed class SchemeOptionsCheck<T>(Func<T, string?> problem) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options) =>
        problem(options) is { } message ? ValidateOptionsResult.Fail(message) : ValidateOptionsResult.Success;
}

internal static class SchemeOptionsCheckExtensions
{
    /// <summary>Binds the section to <typeparamref name="T"/> and stops the start when <paramref name="problem"/> names one.</summary>
    public static void AddSchemeOptions<T>(this IServiceCollection services, IConfiguration configuration, string section, Func<T, string?> problem)
        where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new SchemeOptionsCheck<T>(problem));
    }
}
