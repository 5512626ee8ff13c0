using Occi.Backends.OpenStack.Identity;

namespace Occi.Backends.Synnefo.Identity;

/// <summary>
/// The caller's own Astakos token as a credential. Like the OpenStack backend's CallerToken it cannot be renewed here
/// (a refusal is the caller's 401), but a refusal by Cyclades or Plankton also drops it from what
/// <see cref="AstakosTokens"/> remembers, so the caller's next request is checked with Astakos again rather than let in.
/// </summary>
internal sealed class AstakosCallerToken(KeystoneToken token, AstakosTokens tokens) : ICredential
{
    public ValueTask<KeystoneToken> TokenAsync(CancellationToken ct) => new(token);

    public bool Forget(KeystoneToken refused)
    {
        tokens.Forget(refused.Value);
        return false;
    }
}
