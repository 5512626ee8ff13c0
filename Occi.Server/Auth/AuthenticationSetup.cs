using Microsoft.Extensions.Options;
using Occi.Server.Auth.Tenancy;

namespace Occi.Server.Auth;

/// <summary>Switches on the schemes Occi:Auth:Schemes names (none by default: the open single-tenant mode).</summary>
internal static class AuthenticationSetup
{
    public const string SchemesKey = "Occi:Auth:Schemes";
    private const string SuppressAutoDefaultScheme = "Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme";

    public static IServiceCollection AddOcciAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        // A bad list is reported by OcciOptionsValidator with the other keys; here it only switches nothing on.
        var names = AuthSchemeNames.Parse(configuration[SchemesKey], out var error);
        var schemes = error is null ? names.Select(n => AuthSchemeCatalog.Find(n)).OfType<IAuthScheme>().ToArray() : [];
        if (schemes.Length > 0)
        {
            // No default scheme, not even the one ASP.NET Core makes of a single scheme: the authentication middleware
            // WebApplication adds by itself then authenticates nothing, and the schemes run only where
            // CallerAuthenticator calls them (after the version check and negotiation, so a refusal is written in the
            // negotiated rendering, and an error a handler throws, such as 413, reaches the endpoint's error writing).
            AppContext.SetSwitch(SuppressAutoDefaultScheme, true);
            var authentication = services.AddAuthentication();
            foreach (var scheme in schemes) scheme.Register(authentication, configuration);
        }
        services.AddOptions<TenancyMappingOptions>().Bind(configuration.GetSection(TenancyMappingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TenancyMappingOptions>>(new RequiredFileValidator<TenancyMappingOptions>(
            $"{TenancyMappingOptions.Section}:MappingFile", "a JSON mapping file", o => o.MappingFile, path => TenancyRules.Load(path), optional: true));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TenancyMappingOptions>>().Value.MappingFile is { Length: > 0 } file
            ? TenancyRules.Load(file) : TenancyRules.None);
        services.AddSingleton<CallerMapping>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton(sp => new EnabledAuthSchemes(schemes, sp));
        services.AddSingleton<ConnectionCallers>();
        services.AddSingleton<CallerAuthenticator>();
        return services;
    }

    /// <summary>Why the Schemes value cannot be used, or null.</summary>
    public static string? Check(string? value)
    {
        var names = AuthSchemeNames.Parse(value, out var error);
        return error ?? names.Where(n => AuthSchemeCatalog.Find(n) is null).Select(n => $"{SchemesKey} names {n}, which this build cannot do yet").FirstOrDefault();
    }
}
