using Microsoft.Extensions.Options;

namespace Occi.Backends.Synnefo.Network;

/// <summary>Checks the Cyclades/Network keys of <c>Occi:Synnefo</c> at start, each failure naming its key.</summary>
internal sealed class SynnefoNetworkOptionsValidator : IValidateOptions<SynnefoNetworkOptions>
{
    /// <summary>The network types network-api-guide lists ("Network attributes": network_type).</summary>
    public static readonly string[] NetworkTypes = ["MAC_FILTERED", "IP_LESS_ROUTED", "PHYSICAL_VLAN"];

    public ValidateOptionsResult Validate(string? name, SynnefoNetworkOptions o)
    {
        if (!NetworkTypes.Contains(o.NetworkType, StringComparer.Ordinal))
            return ValidateOptionsResult.Fail($"{SynnefoNetworkOptions.Section}:NetworkType must be one of {string.Join(", ", NetworkTypes)} (was '{o.NetworkType}')");
        if (o.PublicNetwork.Length > 255 || o.PublicNetwork.Any(char.IsControl))
            return ValidateOptionsResult.Fail($"{SynnefoNetworkOptions.Section}:PublicNetwork must be a Cyclades network name or id (at most 255 characters, no control characters)");
        return ValidateOptionsResult.Success;
    }
}
