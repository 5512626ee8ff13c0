namespace Occi.Core.BackendContracts;

/// <summary>
/// A backend whose cloud issues its users' tokens itself (Synnefo's Astakos) checks them for the server, so a caller
/// authenticates with the cloud's own token and the server names no backend type (Occi:Auth:Schemes = Astakos asks
/// the one registered). The token found good becomes <see cref="Caller.Token"/>, which the backend then forwards.
/// </summary>
public interface ICloudTokens
{
    /// <summary>The WWW-Authenticate value a 401 carries alone: where a client gets a token (rOCCI-cli reads it).</summary>
    string Challenge { get; }

    /// <summary>
    /// Who holds <paramref name="token"/>; null when the cloud refuses it (unknown, expired, revoked). An
    /// <see cref="OcciException"/> of kind Unavailable when the cloud's identity service cannot be asked.
    /// </summary>
    Task<CloudTokenHolder?> ValidateAsync(string token, CancellationToken cancellationToken);
}

/// <summary>A token's holder as the cloud names it: the user, the tenant (project) the token acts in, its roles.</summary>
public sealed record CloudTokenHolder(string Name, string Tenant, IReadOnlyList<string> Roles);
