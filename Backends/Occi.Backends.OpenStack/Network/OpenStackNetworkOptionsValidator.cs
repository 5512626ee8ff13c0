using Microsoft.Extensions.Options;

namespace Occi.Backends.OpenStack.Network;

/// <summary>Checks the Neutron keys of <c>Occi:OpenStack</c> at start, each failure naming its key.</summary>
internal sealed class OpenStackNetworkOptionsValidator : IValidateOptions<OpenStackNetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenStackNetworkOptions o) =>
        o.PublicNetwork.Length > 255 || o.PublicNetwork.Any(char.IsControl)
            ? ValidateOptionsResult.Fail($"{OpenStackNetworkOptions.Section}:PublicNetwork must be a Neutron network name or id (at most 255 characters, no control characters)")
            : ValidateOptionsResult.Success;
}
