using Microsoft.Extensions.Options;

namespace Occi.Server;

/// <summary>Checks Occi:Quotas at start: a limit below 0 (other than -1, no limit) stops the start, naming its key.</summary>
internal sealed class QuotaOptionsValidator : IValidateOptions<QuotaOptions>
{
    public ValidateOptionsResult Validate(string? name, QuotaOptions o) =>
        o.Problems().ToList() is [_, ..] problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
