using Microsoft.Extensions.Options;

namespace Occi.Backends.Synnefo.Storage;

/// <summary>Checks the block storage keys of <c>Occi:Synnefo</c> at start, each failure naming its key.</summary>
internal sealed class SynnefoVolumeOptionsValidator : IValidateOptions<SynnefoVolumeOptions>
{
    public ValidateOptionsResult Validate(string? name, SynnefoVolumeOptions o) =>
        o.VolumeType.Length > 64 || o.VolumeType.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            ? ValidateOptionsResult.Fail($"{SynnefoVolumeOptions.Section}:VolumeType must be a Cyclades volume type id (letters, digits, '-' or '_', at most 64 characters) or empty")
            : ValidateOptionsResult.Success;
}
