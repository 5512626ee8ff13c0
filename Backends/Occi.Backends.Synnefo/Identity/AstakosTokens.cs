using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Occi.Core.BackendContracts;

namespace Occi.Backends.Synnefo.Identity;

/// <summary>
/// Tokens Astakos accepted, remembered by their hash until they expire or <c>TokenCacheSeconds</c> pass, whichever
/// comes first: the Astakos auth scheme (through <see cref="ICloudTokens"/>) and the backend's calls for the same
/// request ask Astakos once. A refused token is not remembered: a client that fixed it is let in at once.
/// </summary>
internal sealed class AstakosTokens(AstakosClient astakos, SynnefoOptions options, TimeProvider time) : ICloudTokens
{
    private const int MaxTokens = 10_000;

    private readonly ConcurrentDictionary<string, (AstakosGrant Grant, DateTimeOffset Until)> _known = new(StringComparer.Ordinal);

    /// <summary>rOCCI-cli's Synnefo discovery: ^(Keystone|snf-auth) uri=("|')(.+)("|')$ on the whole WWW-Authenticate value.</summary>
    public string Challenge { get; } = $"snf-auth uri=\"{options.IdentityUrl}\"";

    public async Task<CloudTokenHolder?> ValidateAsync(string token, CancellationToken cancellationToken) =>
        await GrantAsync(token, cancellationToken) is { } grant
            // Astakos' own "admin" role does not make an OCCI admin (who sees every tenant).
            ? new CloudTokenHolder(grant.UserName, grant.Token.ProjectId, grant.Token.Roles.Where(r => r != "admin").ToArray())
            : null;

    /// <summary>What Astakos says of the token, from memory while it is young; null when Astakos refuses it or it has expired.</summary>
    public async ValueTask<AstakosGrant?> GrantAsync(string token, CancellationToken ct)
    {
        var key = KeyOf(token);
        var now = time.GetUtcNow();
        if (_known.TryGetValue(key, out var known) && now < known.Until) return known.Grant;
        var grant = await astakos.AuthenticateAsync(token, ct);
        if (grant is null || grant.Token.ExpiresAt <= now)
        {
            _known.TryRemove(key, out _);
            return null;
        }
        if (_known.Count >= MaxTokens) _known.Clear();
        var until = now + TimeSpan.FromSeconds(options.TokenCacheSeconds);
        _known[key] = (grant, grant.Token.ExpiresAt < until ? grant.Token.ExpiresAt : until);
        return grant;
    }

    /// <summary>A service refused the token: the next use asks Astakos again.</summary>
    public void Forget(string token) => _known.TryRemove(KeyOf(token), out _);

    private static string KeyOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
