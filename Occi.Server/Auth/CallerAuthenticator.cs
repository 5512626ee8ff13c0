using Microsoft.AspNetCore.Authentication;
using Occi.Core;
using Occi.Core.BackendContracts;

namespace Occi.Server.Auth;

/// <summary>
/// Who is asking (DESIGN.md: authentication handlers → principal → Caller): the enabled schemes are tried in
/// their configured order and the first that accepts the request's credentials names the caller. No or bad
/// credentials are a 401 naming the enabled schemes, before anything of the request is read or done; an identity
/// that maps to no tenant is a 403. Each refusal is one line of the <see cref="AuditLog"/>.
/// </summary>
internal sealed class CallerAuthenticator(EnabledAuthSchemes enabled, CallerMapping mapping, AuditLog audit, ConnectionCallers connections)
{
    public ValueTask<Caller> AuthenticateAsync(HttpContext http) =>
        !enabled.Any ? ValueTask.FromResult(Caller.Anonymous)
        : connections.TryGet(http, out var known) ? ValueTask.FromResult(known)
        : new ValueTask<Caller>(AuthenticateWithSchemesAsync(http));

    /// <summary>The WWW-Authenticate values a 401 carries, for a refusal that comes later than authentication (the cloud's).</summary>
    public IReadOnlyList<string> ChallengesFor(HttpRequest request) => enabled.Any ? enabled.ChallengesFor(request) : [];

    private async Task<Caller> AuthenticateWithSchemesAsync(HttpContext http)
    {
        (string Scheme, string Reason, string? Identity)? failure = null;
        foreach (var scheme in enabled.Names)
        {
            var result = await http.AuthenticateAsync(scheme);
            if (result.Succeeded)
            {
                if (mapping.Map(result.Principal) is { } caller)
                {
                    // Remembered only for the first scheme: a later one must not skip the earlier ones' turn next time.
                    if (scheme == enabled.Names[0]) connections.Remember(http, scheme, caller);
                    return caller;
                }
                var who = result.Principal.FindFirst(OcciClaims.Name)?.Value ?? "?";
                audit.AccessDenied(http, scheme, who, null, "the identity maps to no tenant");
                throw OcciException.Forbidden($"{who} is authenticated ({scheme}) but mapped to no tenant of this server");
            }
            // A scheme that could not check the credentials (its identity service is down) is a 503, not a refusal.
            if (result.Failure is OcciException { Kind: OcciErrorKind.Unavailable } unavailable) throw unavailable;
            if (result.Failure is { } f) failure ??= (scheme, f.Message, AuditLog.IdentityOf(result.Properties));
        }
        audit.AuthenticationRefused(http, failure?.Scheme, failure?.Identity, failure?.Reason ?? "no credentials");
        throw new AuthenticationRequiredException(
            failure is { } refused ? $"the credentials were refused: {refused.Scheme}: {refused.Reason}" : $"this server needs credentials ({string.Join(", ", enabled.Names)})",
            enabled.ChallengesFor(http.Request));
    }
}
