using Occi.Backends.OpenStack.Identity;
using Occi.Core;

namespace Occi.Backends.Synnefo.Identity;

/// <summary>
/// Occi:Synnefo:Token as a credential: checked with Astakos (and its catalog read) when first used and again after a
/// service refused it, as the OpenStack request path asks of an account's credential (one retry after a 401).
/// </summary>
internal sealed class ConfiguredToken(string token, AstakosTokens tokens) : ICredential
{
    public async ValueTask<KeystoneToken> TokenAsync(CancellationToken ct) =>
        (await tokens.GrantAsync(token, ct))?.Token
        ?? throw new OcciException(OcciErrorKind.BackendFailure, $"Astakos does not accept {SynnefoOptions.Section}:Token (unknown, expired or revoked): the operator must renew it");

    public bool Forget(KeystoneToken refused)
    {
        tokens.Forget(refused.Value);
        return true;
    }
}
