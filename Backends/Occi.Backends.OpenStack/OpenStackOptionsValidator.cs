using Microsoft.Extensions.Options;

namespace Occi.Backends.OpenStack;

/// <summary>Checks <c>Occi:OpenStack</c> at start (ValidateOnStart), each failure naming its key.</summary>
internal sealed class OpenStackOptionsValidator : IValidateOptions<OpenStackOptions>
{
    private const double OneDay = 24 * 60 * 60;

    public ValidateOptionsResult Validate(string? name, OpenStackOptions o)
    {
        var failures = new List<string>();
        void Require(bool ok, string key, string rule)
        {
            if (!ok) failures.Add($"{OpenStackOptions.Section}:{key} {rule}");
        }

        Require(Uri.TryCreate(o.IdentityUrl, UriKind.Absolute, out var identity) && identity.Scheme is "http" or "https",
            "IdentityUrl", $"'{o.IdentityUrl}' must be the absolute http(s) URL of Keystone v3");
        Require(o.Interface is "public" or "internal" or "admin", "Interface", $"'{o.Interface}' must be public, internal or admin");
        CheckAccount(o.DefaultAccount, "", Require);
        foreach (var (tenant, account) in o.ServiceAccounts)
        {
            Require(account.IsConfigured, $"ServiceAccounts:{tenant}", "names neither a Username nor an ApplicationCredentialId");
            CheckAccount(account, $"ServiceAccounts:{tenant}:", Require);
        }
        Require(MicroversionIsValid(o.NovaMicroversion), "NovaMicroversion", $"'{o.NovaMicroversion}' must be 2.N (e.g. 2.79)");
        Require(o.StalenessSeconds is >= 0 and <= OneDay, "StalenessSeconds", "must be between 0 and 86400");
        foreach (var (service, url) in o.EndpointOverrides)
            Require(Uri.TryCreate(url, UriKind.Absolute, out _), $"EndpointOverrides:{service}", $"'{url}' is not an absolute URL");
        Require(o.DefaultNetworks is "none" or "auto", "DefaultNetworks", $"'{o.DefaultNetworks}' must be none or auto");
        Require(o.GatewayTag.Length is > 0 and <= 255, "GatewayTag", "must be 1 to 255 characters (a Nova metadata value)");
        Require(o.TimeoutSeconds is >= 0.01 and <= OneDay, "TimeoutSeconds", "must be between 0.01 and 86400");
        Require(o.RetryCount is >= 0 and <= 10, "RetryCount", "must be between 0 and 10");
        Require(o.RetryCount <= 0 || o.RetryDelaySeconds is >= 0 and <= OneDay, "RetryDelaySeconds", "must be between 0 and 86400");
        Require(o.BreakerFailureRatio is > 0 and <= 1, "BreakerFailureRatio", "must be above 0 and at most 1");
        Require(o.BreakerMinimumThroughput >= 2, "BreakerMinimumThroughput", "must be at least 2");
        Require(o.BreakerSamplingSeconds is >= 0.5 and <= OneDay, "BreakerSamplingSeconds", "must be between 0.5 and 86400");
        Require(o.BreakerBreakSeconds is >= 0.5 and <= OneDay, "BreakerBreakSeconds", "must be between 0.5 and 86400");
        Require(o.TokenRenewSeconds is >= 0 and <= OneDay, "TokenRenewSeconds", "must be between 0 and 86400");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckAccount(OpenStackAccount a, string prefix, Action<bool, string, string> require)
    {
        if (a.UsesApplicationCredential)
            require(a.ApplicationCredentialSecret.Length > 0, prefix + "ApplicationCredentialSecret", "is required with an ApplicationCredentialId");
        else if (a.Username.Length > 0)
        {
            require(a.Password.Length > 0, prefix + "Password", "is required with a Username");
            require(a.ProjectName.Length > 0, prefix + "ProjectName", "is required with a Username (the project the account acts in)");
        }
    }

    private static bool MicroversionIsValid(string v) =>
        v.StartsWith("2.", StringComparison.Ordinal) && v.Length > 2 && int.TryParse(v.AsSpan(2), out var minor) && minor >= 1;
}
