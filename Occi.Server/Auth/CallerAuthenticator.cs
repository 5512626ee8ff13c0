using Microsoft.AspNetCore.Authentication;
using Occi.Core;
using Occi.Core.BackendContracts;

namespace Occi.Server.Auth;

/// <summary>
/// Who is asking (DESIGN.md: authentication handlers → principal → Caller): the enabled schemes are tried in
/// their configured order and the first that accepts the request's credentials names the caller. No or bad
/// credentials are a 401 naming the enabled schemes, before anything of the request is read or done.
/// </summary>
internal sealed partial class CallerAuthenticator(EnabledAuthSchemes enabled, CallerMapping mapping, ILogger<CallerAuthenticator> log)
{
    public ValueTask<Caller> AuthenticateAsync(HttpContext http) =>
        enabled.Any ? new ValueTask<Caller>(AuthenticateWithSchemesAsync(http)) : ValueTask.FromResult(Caller.Anonymous);

    private async Task<Caller> AuthenticateWithSchemesAsync(HttpContext http)
    {
        string? failure = null;
        foreach (var scheme in enabled.Names)
        {
            var result = await http.AuthenticateAsync(scheme);
            if (result.Succeeded)
            {
                if (mapping.Map(result.Principal) is { } caller) return caller;
                var who = result.Principal.FindFirst(OcciClaims.Name)?.Value ?? "?";
                LogUnmapped(log, scheme, who, http.Connection.RemoteIpAddress?.ToString());
                throw OcciException.Forbidden($"{who} is authenticated ({scheme}) but mapped to no tenant of this server");
            }
            // A scheme that could not check the credentials (its identity service is down) is a 503, not a refusal.
            if (result.Failure is OcciException { Kind: OcciErrorKind.Unavailable } unavailable) throw unavailable;
            if (result.Failure is { } f) failure ??= $"{scheme}: {f.Message}";
        }
        LogRefused(log, failure ?? "no credentials", http.Request.Method, http.Request.Path.Value, http.Connection.RemoteIpAddress?.ToString());
        throw new AuthenticationRequiredException(
            failure is null ? $"this server needs credentials ({string.Join(", ", enabled.Names)})" : $"the credentials were refused: {failure}",
            enabled.ChallengesFor(http.Request));
    }

    // The audit trail: one structured line per refusal, never a secret (messages name the scheme and the reason only).
    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "authentication refused ({Reason}) for {Method} {Path} from {Remote}")]
    private static partial void LogRefused(ILogger logger, string reason, string method, string? path, string? remote);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Warning, Message = "{Scheme} identity {Identity} from {Remote} maps to no tenant")]
    private static partial void LogUnmapped(ILogger logger, string scheme, string identity, string? remote);
}
