using Occi.Core.BackendContracts;

namespace Occi.Server.Auth;

/// <summary>
/// The audit trail (issue 14): one structured line per authentication failure and per denied access, under the
/// category <c>Occi.Audit</c> so it can be routed on its own. A line names the scheme, the identity claimed (a user
/// name, a DN), the reason, the method, the path (never the query) and the client's address — never a password,
/// key, signature or token. Cross-tenant requests answer 404 exactly as a missing entity would and log nothing.
/// </summary>
internal sealed partial class AuditLog(ILoggerFactory loggers)
{
    public const string Category = "Occi.Audit";
    private const string IdentityItem = "occi:identity";

    private readonly ILogger _log = loggers.CreateLogger(Category);

    /// <summary>What a handler passes with <c>AuthenticateResult.Fail</c> so the refusal's line names who tried (no secret).</summary>
    public static Microsoft.AspNetCore.Authentication.AuthenticationProperties? Identity(string? claimed) =>
        claimed is null ? null : new(new Dictionary<string, string?> { [IdentityItem] = claimed });

    public static string? IdentityOf(Microsoft.AspNetCore.Authentication.AuthenticationProperties? properties) =>
        properties?.Items.TryGetValue(IdentityItem, out var who) == true ? who : null;

    /// <summary>A 401: no credentials, or credentials an enabled scheme refused.</summary>
    public void AuthenticationRefused(HttpContext http, string? scheme, string? identity, string reason) =>
        LogAuthenticationRefused(_log, scheme ?? "-", identity ?? "-", reason, http.Request.Method, http.Request.Path.Value, Remote(http));

    /// <summary>
    /// A 403: an authenticated identity may not do what it asked — it maps to no tenant, or (the tenancy and quota
    /// checks) its role or tenant does not allow the operation.
    /// </summary>
    public void AccessDenied(HttpContext http, string? scheme, string identity, string? tenant, string reason) =>
        LogAccessDenied(_log, scheme ?? "-", identity, tenant ?? "-", reason, http.Request.Method, http.Request.Path.Value, Remote(http));

    /// <inheritdoc cref="AccessDenied(HttpContext, string?, string, string?, string)"/>
    public void AccessDenied(HttpContext http, Caller caller, string reason) => AccessDenied(http, null, caller.Name, caller.Tenant, reason);

    private static string? Remote(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning,
        Message = "authentication refused: scheme {Scheme} identity {Identity}: {Reason}; {Method} {Path} from {Remote}")]
    public static partial void LogAuthenticationRefused(ILogger logger, string scheme, string identity, string reason, string method, string? path, string? remote);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Warning,
        Message = "access denied: scheme {Scheme} identity {Identity} tenant {Tenant}: {Reason}; {Method} {Path} from {Remote}")]
    public static partial void LogAccessDenied(ILogger logger, string scheme, string identity, string tenant, string reason, string method, string? path, string? remote);
}
