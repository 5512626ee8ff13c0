using Microsoft.Extensions.Options;

namespace Occi.Backends.Synnefo.Quotas;

/// <summary>Checks the quota key of <c>Occi:Synnefo</c> at start, naming it when it is wrong.</summary>
internal sealed class SynnefoQuotaOptionsValidator : IValidateOptions<SynnefoQuotaOptions>
{
    public ValidateOptionsResult Validate(string? name, SynnefoQuotaOptions o) =>
        o.QuotasUrl.Length == 0 || Uri.TryCreate(o.QuotasUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{SynnefoQuotaOptions.Section}:QuotasUrl must be an absolute http or https URL, or empty");
}
