using Microsoft.Extensions.Options;

namespace Occi.Backends.Synnefo;

/// <summary>Checks <c>Occi:Synnefo</c> at start (ValidateOnStart), each failure naming its key.</summary>
internal sealed class SynnefoOptionsValidator : IValidateOptions<SynnefoOptions>
{
    private const double OneDay = 24 * 60 * 60;

    public ValidateOptionsResult Validate(string? name, SynnefoOptions o)
    {
        var failures = new List<string>();
        void Require(bool ok, string key, string rule)
        {
            if (!ok) failures.Add($"{SynnefoOptions.Section}:{key} {rule}");
        }

        Require(IsHttpUrl(o.IdentityUrl), "IdentityUrl", $"'{o.IdentityUrl}' must be the absolute http(s) URL of Astakos' identity API (…/identity/v2.0)");
        // The token is a secret: a bad one is named by its key only.
        Require(o.Token.Trim().Length == o.Token.Length && !o.Token.Any(char.IsControl), "Token", "must have no spaces around it and no control characters");
        foreach (var (service, url) in o.EndpointOverrides)
            Require(IsHttpUrl(url), $"EndpointOverrides:{service}", $"'{url}' is not an absolute http(s) URL");
        Require(Uri.TryCreate(o.OsTemplateScheme, UriKind.Absolute, out _) && o.OsTemplateScheme.EndsWith('#'), "OsTemplateScheme", "must be an absolute URI ending in '#'");
        Require(Uri.TryCreate(o.ResourceTemplateScheme, UriKind.Absolute, out _) && o.ResourceTemplateScheme.EndsWith('#'), "ResourceTemplateScheme", "must be an absolute URI ending in '#'");
        Require(o.OsTemplateScheme != o.ResourceTemplateScheme, "ResourceTemplateScheme", "must differ from OsTemplateScheme");
        // Cyclades metadata values, like Nova's, are at most 255 characters.
        Require(o.GatewayTag.Length is > 0 and <= 255, "GatewayTag", "must be 1 to 255 characters (a Cyclades metadata value)");
        Require(o.TokenCacheSeconds is >= 0 and <= OneDay, "TokenCacheSeconds", "must be between 0 and 86400");
        Require(o.TimeoutSeconds is >= 0.01 and <= OneDay, "TimeoutSeconds", "must be between 0.01 and 86400");
        Require(o.RetryCount is >= 0 and <= 10, "RetryCount", "must be between 0 and 10");
        Require(o.RetryCount <= 0 || o.RetryDelaySeconds is >= 0 and <= OneDay, "RetryDelaySeconds", "must be between 0 and 86400");
        Require(o.BreakerFailureRatio is > 0 and <= 1, "BreakerFailureRatio", "must be above 0 and at most 1");
        Require(o.BreakerMinimumThroughput >= 2, "BreakerMinimumThroughput", "must be at least 2");
        Require(o.BreakerSamplingSeconds is >= 0.5 and <= OneDay, "BreakerSamplingSeconds", "must be between 0.5 and 86400");
        Require(o.BreakerBreakSeconds is >= 0.5 and <= OneDay, "BreakerBreakSeconds", "must be between 0.5 and 86400");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
