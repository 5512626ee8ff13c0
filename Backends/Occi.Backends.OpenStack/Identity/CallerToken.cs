namespace Occi.Backends.OpenStack.Identity;

/// <summary>
/// The caller's own Keystone token (Caller.Token), as Keystone validated it: the gateway acts as the caller, in the
/// caller's project, with the caller's roles. It cannot be renewed here: a refused token is the caller's to renew.
/// </summary>
internal sealed class CallerToken(KeystoneToken token) : ICredential
{
    public ValueTask<KeystoneToken> TokenAsync(CancellationToken ct) => new(token);

    public bool Forget(KeystoneToken refused) => false;
}
