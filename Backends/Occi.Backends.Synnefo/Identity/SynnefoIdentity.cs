using Occi.Backends.OpenStack.Identity;
using Occi.Core;
using Occi.Core.BackendContracts;

namespace Occi.Backends.Synnefo.Identity;

/// <summary>
/// Who the gateway is in Synnefo for a caller, as the Python bridge did it: the caller's own Astakos token
/// (Caller.Token, from the Astakos auth scheme) goes to Cyclades and Plankton as X-Auth-Token; a caller without one
/// acts with Occi:Synnefo:Token when the operator configured one, and is refused (401) otherwise.
/// </summary>
internal sealed class SynnefoIdentity
{
    private readonly AstakosTokens _tokens;

    public SynnefoIdentity(AstakosTokens tokens, SynnefoOptions options)
    {
        _tokens = tokens;
        Service = options.Token.Length > 0 ? new ConfiguredToken(options.Token, tokens) : null;
    }

    /// <summary>The configured token's credential, for work no caller asked for (the model refresh); null when none is configured.</summary>
    public ICredential? Service { get; }

    public async ValueTask<ICredential> ForAsync(Caller caller, CancellationToken ct)
    {
        if (caller.Token is not { Length: > 0 } token)
            return Service ?? throw new OcciException(OcciErrorKind.Unauthorized,
                $"this Synnefo gateway acts with the caller's Astakos token (X-Auth-Token, Occi:Auth:Schemes = Astakos) and has no {SynnefoOptions.Section}:Token for callers without one");
        // A caller's token cannot be renewed here: a refusal is the caller's 401.
        return await _tokens.GrantAsync(token, ct) is { } grant
            ? new AstakosCallerToken(grant.Token, _tokens)
            : throw new OcciException(OcciErrorKind.Unauthorized, "Astakos does not accept the token (unknown, expired or revoked): get a new one from Astakos");
    }
}
