using Microsoft.Extensions.Options;

namespace Occi.Server;

/// <summary>Checks Occi:Cloudkeeper at start: a missing certificate or an empty allow-list stops the start, naming its key.</summary>
internal sealed class CloudkeeperOptionsValidator : IValidateOptions<CloudkeeperOptions>
{
    public ValidateOptionsResult Validate(string? name, CloudkeeperOptions o) =>
        o.Problems().ToList() is [_, ..] problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
