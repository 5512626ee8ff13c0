using Occi.Core;

namespace Occi.Backends.OpenStack.Identity;

/// <summary>
/// An account's Keystone session: one token at a time, renewed <c>TokenRenewSeconds</c> before it expires (or at
/// half its life, if shorter) and when a service refused it, with one renewal in flight however many requests
/// find the token old at once: they all wait on the same request to Keystone.
/// </summary>
internal sealed class KeystoneSession(OpenStackAccount account, KeystoneClient keystone, TimeProvider time, TimeSpan renewBefore) : ICredential
{
    private readonly Lock _gate = new();
    private KeystoneToken? _current;
    private DateTimeOffset _renewAt;
    private Task<KeystoneToken>? _renewing;

    public string AccountKey => account.Key;

    public ValueTask<KeystoneToken> TokenAsync(CancellationToken ct)
    {
        var current = _current;
        if (current is not null && time.GetUtcNow() < _renewAt) return new(current);
        return new(RenewAsync(ct));
    }

    public bool Forget(KeystoneToken refused)
    {
        lock (_gate)
            if (ReferenceEquals(_current, refused)) _current = null;
        return true;
    }

    private Task<KeystoneToken> RenewAsync(CancellationToken ct)
    {
        Task<KeystoneToken> renewing;
        lock (_gate)
        {
            if (_current is { } fresh && time.GetUtcNow() < _renewAt) return Task.FromResult(fresh);
            // The renewal does not take the first asker's cancellation: others wait on it too. Each waits cancellably.
            renewing = _renewing ??= IssueAsync();
        }
        return renewing.WaitAsync(ct);
    }

    private async Task<KeystoneToken> IssueAsync()
    {
        try
        {
            var token = await keystone.IssueAsync(account, CancellationToken.None);
            var now = time.GetUtcNow();
            var life = token.ExpiresAt - now;
            if (life <= TimeSpan.Zero)
                throw new OcciException(OcciErrorKind.BackendFailure, "Keystone issued a token that has already expired (are the clocks of the gateway and Keystone apart?)");
            lock (_gate)
            {
                _current = token;
                _renewAt = now + (life - renewBefore > life / 2 ? life - renewBefore : life / 2);
            }
            return token;
        }
        finally
        {
            lock (_gate) _renewing = null;
        }
    }
}
