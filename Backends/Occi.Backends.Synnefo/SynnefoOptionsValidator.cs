using Microsoft.Extensions.Options;

namespace Occi.Backends.Synnefo;

/// <summary>Checks <c>Occi:Synnefo</c> at start (ValidateOnStart): every rule broken is one failure naming its key.</summary>
internal sealed class SynnefoOptionsValidator : IValidateOptions<SynnefoOptions>
{
    private const double OneDay = 86_400;

    public ValidateOptionsResult Validate(string? name, SynnefoOptions o)
    {
        (bool Holds, string Key, string Rule)[] rules =
        [
            (IsHttpUrl(o.IdentityUrl), "IdentityUrl", $"'{o.IdentityUrl}' must be the absolute http(s) URL of Astakos' identity API (…/identity/v2.0)"),
            // The token is a secret: a bad one is named by its key only.
            (o.Token.Trim().Length == o.Token.Length && !o.Token.Any(char.IsControl), "Token", "must have no spaces around it and no control characters"),
            (IsScheme(o.OsTemplateScheme), "OsTemplateScheme", "must be an absolute URI ending in '#'"),
            (IsScheme(o.ResourceTemplateScheme) && o.ResourceTemplateScheme != o.OsTemplateScheme, "ResourceTemplateScheme", "must be an absolute URI ending in '#', not the OsTemplateScheme"),
            // Cyclades metadata values, like Nova's, are at most 255 characters.
            (o.GatewayTag.Length is > 0 and <= 255, "GatewayTag", "must be 1 to 255 characters (a Cyclades metadata value)"),
            (o.TokenCacheSeconds is >= 0 and <= OneDay, "TokenCacheSeconds", "must be between 0 and 86400"),
            (o.StalenessSeconds is >= 0 and <= OneDay, "StalenessSeconds", "must be between 0 and 86400"),
            (o.TimeoutSeconds is >= 0.01 and <= OneDay, "TimeoutSeconds", "must be between 0.01 and 86400"),
            (o.RetryCount is >= 0 and <= 10, "RetryCount", "must be between 0 and 10"),
            (o.BreakerMinimumThroughput >= 2, "BreakerMinimumThroughput", "must be at least 2"),
            (o.BreakerBreakSeconds is >= 0.5 and <= OneDay, "BreakerBreakSeconds", "must be between 0.5 and 86400"),
            .. o.EndpointOverrides.Select(p => (IsHttpUrl(p.Value), $"EndpointOverrides:{p.Key}", $"'{p.Value}' is not an absolute http(s) URL")),
        ];
        var failures = rules.Where(r => !r.Holds).Select(r => $"{SynnefoOptions.Section}:{r.Key} {r.Rule}").ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static bool IsScheme(string value) => Uri.TryCreate(value, UriKind.Absolute, out _) && value.EndsWith('#');
}
