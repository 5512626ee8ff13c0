using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Occi.Server.Auth.Keystone;

/// <summary>
/// Callers' Keystone tokens, validated once and remembered until they expire (expires_at on the container's clock),
/// but asked about again after Occi:Auth:Keystone:RevalidateSeconds, so a revoked token (Keystone's 404) is refused and
/// dropped within that interval. At most MaxCachedTokens are remembered; the tokens themselves are not kept as keys.
/// </summary>
internal sealed class KeystoneTokens(KeystoneClient keystone, IOptions<KeystoneAuthOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _revalidate = TimeSpan.FromSeconds(options.Value.RevalidateSeconds);
    private readonly int _max = options.Value.MaxCachedTokens;

    /// <summary>The identity the token proves now, or null (unknown, expired or revoked).</summary>
    public async ValueTask<KeystoneIdentity?> ValidateAsync(string token, CancellationToken ct)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var known))
        {
            if (now >= known.Identity.ExpiresAt)
            {
                _entries.TryRemove(key, out _);
                return null;
            }
            if (now - known.CheckedAt < _revalidate) return known.Identity;
        }
        var identity = await keystone.ValidateAsync(token, ct);
        if (identity is null || identity.ExpiresAt <= now)
        {
            _entries.TryRemove(key, out _);
            return null;
        }
        if (known is null && _entries.Count >= _max) Trim(now);
        _entries[key] = new Entry(identity, now);
        return identity;
    }

    /// <summary>Drops what expired or is due for re-validation; everything if that is not enough.</summary>
    private void Trim(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
            if (now >= entry.Identity.ExpiresAt || now - entry.CheckedAt >= _revalidate) _entries.TryRemove(key, out _);
        if (_entries.Count >= _max) _entries.Clear();
    }

    private sealed record Entry(KeystoneIdentity Identity, DateTimeOffset CheckedAt);
}
