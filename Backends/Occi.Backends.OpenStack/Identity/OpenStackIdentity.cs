using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Occi.Core;
using Occi.Core.BackendContracts;

namespace Occi.Backends.OpenStack.Identity;

/// <summary>
/// Who the gateway is in OpenStack for a caller. A caller with a Keystone token (Occi:Auth:Schemes = Keystone) is
/// acted as: its token goes to the services. Any other caller (X.509, OIDC, Basic, or authentication off) acts as
/// the service account its tenant names in Occi:OpenStack:ServiceAccounts, else the configured account. A token
/// Keystone does not know (the built-in Keystone's, say) is treated as no token. Validated caller tokens are
/// remembered by their hash until they expire.
/// </summary>
internal sealed class OpenStackIdentity
{
    private const int MaxCallerTokens = 10_000;

    private readonly OpenStackOptions _options;
    private readonly KeystoneClient _keystone;
    private readonly TimeProvider _time;
    private readonly KeystoneSession? _default;
    private readonly Dictionary<string, KeystoneSession> _byTenant;
    private readonly ConcurrentDictionary<string, KeystoneToken?> _callerTokens = new(StringComparer.Ordinal);

    public OpenStackIdentity(OpenStackOptions options, KeystoneClient keystone, TimeProvider time)
    {
        _options = options;
        _keystone = keystone;
        _time = time;
        var renew = TimeSpan.FromSeconds(options.TokenRenewSeconds);
        var account = options.DefaultAccount;
        _default = account.IsConfigured ? new KeystoneSession(account, keystone, time, renew) : null;
        _byTenant = options.ServiceAccounts.ToDictionary(p => p.Key, p => new KeystoneSession(p.Value, keystone, time, renew), StringComparer.Ordinal);
    }

    /// <summary>The configured account's session, for work no caller asked for (the model refresh, the change follower); null when none is configured.</summary>
    public KeystoneSession? Service => _default;

    public async ValueTask<ICredential> ForAsync(Caller caller, CancellationToken ct)
    {
        if (caller.Token is { Length: > 0 } token && await ValidateAsync(token, ct) is { } known) return new CallerToken(known);
        if (_byTenant.TryGetValue(caller.Tenant, out var mapped)) return mapped;
        return _default ?? throw OcciException.Forbidden(
            $"no OpenStack account for tenant '{caller.Tenant}': authenticate with a Keystone token, or have the operator map the tenant in {OpenStackOptions.Section}:ServiceAccounts");
    }

    private async ValueTask<KeystoneToken?> ValidateAsync(string token, CancellationToken ct)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var now = _time.GetUtcNow();
        if (_callerTokens.TryGetValue(key, out var known) && (known is null || known.ExpiresAt > now)) return known;
        var validated = await _keystone.ValidateAsync(token, ct);
        if (_callerTokens.Count >= MaxCallerTokens) _callerTokens.Clear();
        _callerTokens[key] = validated;
        return validated;
    }
}
