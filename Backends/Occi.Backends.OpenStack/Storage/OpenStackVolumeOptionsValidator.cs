using Microsoft.Extensions.Options;

namespace Occi.Backends.OpenStack.Storage;

/// <summary>Checks the Cinder keys of <c>Occi:OpenStack</c> at start, each failure naming its key.</summary>
internal sealed class OpenStackVolumeOptionsValidator : IValidateOptions<OpenStackVolumeOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenStackVolumeOptions o)
    {
        var failures = new List<string>();
        if (!IsVolumeMicroversion(o.CinderMicroversion))
            failures.Add($"{OpenStackVolumeOptions.Section}:CinderMicroversion '{o.CinderMicroversion}' must be 3.N with N at least 60 (the updated_at filter)");
        if (o.VolumeBackups is not ("Auto" or "On" or "Off"))
            failures.Add($"{OpenStackVolumeOptions.Section}:VolumeBackups '{o.VolumeBackups}' must be Auto, On or Off");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsVolumeMicroversion(string v) =>
        v.StartsWith("3.", StringComparison.Ordinal) && int.TryParse(v.AsSpan(2), out var minor) && minor >= 60;
}
