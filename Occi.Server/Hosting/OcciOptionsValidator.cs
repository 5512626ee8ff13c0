using Microsoft.Extensions.Options;

namespace Occi.Server;

/// <summary>
/// Checks the "Occi" section at start (ValidateOnStart): a value the server cannot work with stops the
/// start with the key's name, rather than failing later or running with a silent default. Values the
/// binder cannot convert (a number that is no number, "ture") already stop it, naming the key as well.
/// </summary>
internal sealed class OcciOptionsValidator : IValidateOptions<OcciOptions>
{
    public ValidateOptionsResult Validate(string? name, OcciOptions o)
    {
        var failures = new List<string>();
        void Require(bool ok, string key, string rule)
        {
            if (!ok) failures.Add($"Occi:{key} {rule}");
        }

        Require(!string.IsNullOrWhiteSpace(o.Backend), "Backend", "must name a backend (Local, Libvirt)");
        Require(!string.IsNullOrWhiteSpace(o.Store), "Store", "must name a store (Embedded, Mongo)");
        Require(!string.IsNullOrWhiteSpace(o.DataPath), "DataPath", "must name a folder");
        Require(string.IsNullOrEmpty(o.BaseUrl) || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var b) && b.Scheme is "http" or "https",
            "BaseUrl", $"must be an absolute http(s) URL or empty, not '{o.BaseUrl}'");
        Require(o.Limits.MaxBodyBytes > 0, "Limits:MaxBodyBytes", "must be a positive number of bytes");
        Require(o.Limits.MaxOcciHeaders > 0, "Limits:MaxOcciHeaders", "must be positive");
        Require(o.Limits.MaxPageSize > 0, "Limits:MaxPageSize", "must be positive");
        Require(o.Limits.MaxHeaderFieldBytes >= 1024, "Limits:MaxHeaderFieldBytes", "must be at least 1024 bytes");
        Require(o.Limits.MaxAttributeValueBytes > 0, "Limits:MaxAttributeValueBytes", "must be a positive number of bytes");
        Require(o.Limits.ResponseBufferBytes >= 1024, "Limits:ResponseBufferBytes", "must be at least 1024 bytes");
        Require(o.ModelRefreshSeconds > 0, "ModelRefreshSeconds", "must be positive");
        Require(o.Reconcile.IntervalSeconds > 0, "Reconcile:IntervalSeconds", "must be positive");
        Require(o.Reconcile.IntentLeaseSeconds > 0, "Reconcile:IntentLeaseSeconds", "must be positive");
        Require(o.Resilience.TimeoutSeconds > 0, "Resilience:TimeoutSeconds", "must be positive");
        Require(o.Resilience.Retries >= 0, "Resilience:Retries", "cannot be negative");
        Require(o.Resilience.RetryBaseDelayMs >= 0, "Resilience:RetryBaseDelayMs", "cannot be negative");
        Require(o.Resilience.BreakerFailureRatio is > 0 and <= 1, "Resilience:BreakerFailureRatio", "must be above 0 and at most 1");
        Require(o.Resilience.BreakerMinimumThroughput >= 2, "Resilience:BreakerMinimumThroughput", "must be at least 2");
        Require(o.Resilience.BreakerBreakSeconds > 0, "Resilience:BreakerBreakSeconds", "must be positive");
        if (Auth.AuthenticationSetup.Check(o.Auth.Schemes) is { } schemes) failures.Add(schemes);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
