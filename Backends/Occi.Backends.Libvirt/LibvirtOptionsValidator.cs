using Microsoft.Extensions.Options;

namespace Occi.Backends.Libvirt;

/// <summary>
/// Checks <c>Occi:Libvirt</c> at start (ValidateOnStart), each failure naming its key. The time bounds are
/// the ones Polly's strategies accept (the host builds its pipeline from these values): a value outside
/// them stopped the start before too, only with Polly's words instead of the key.
/// </summary>
internal sealed class LibvirtOptionsValidator : IValidateOptions<LibvirtOptions>
{
    private const double OneDay = 24 * 60 * 60;

    public ValidateOptionsResult Validate(string? name, LibvirtOptions o)
    {
        var failures = new List<string>();
        void Require(bool ok, string key, string rule)
        {
            if (!ok) failures.Add($"{LibvirtOptions.Section}:{key} {rule}");
        }

        // rOCCI-cli splits text/occi header values on every comma: one such title hides the query interface from it.
        for (var i = 0; i < o.Flavours.Count; i++)
            Require(o.Flavours[i].Title?.Contains(',') != true, $"Flavours:{i}:Title",
                $"'{o.Flavours[i].Title}' contains a comma, which rOCCI-cli's text/occi mode cannot read");
        Require(o.TimeoutSeconds is >= 0.01 and <= OneDay, "TimeoutSeconds", "must be between 0.01 and 86400");
        Require(o.RetryCount <= 0 || o.RetryDelaySeconds is >= 0 and <= OneDay, "RetryDelaySeconds", "must be between 0 and 86400");
        Require(o.BreakerFailureRatio is >= 0 and <= 1, "BreakerFailureRatio", "must be between 0 and 1");
        Require(o.BreakerSamplingSeconds <= OneDay, "BreakerSamplingSeconds", "must be at most 86400");
        Require(o.BreakerBreakSeconds <= OneDay, "BreakerBreakSeconds", "must be at most 86400");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
