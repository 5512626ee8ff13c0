using Microsoft.Extensions.Options;

namespace Occi.Backends.Local;

/// <summary>Checks <c>Occi:Local</c> at start (ValidateOnStart): each failure names its key.</summary>
internal sealed class LocalBackendOptionsValidator : IValidateOptions<LocalBackendOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalBackendOptions options) =>
        options.Problems() is [_, ..] problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
