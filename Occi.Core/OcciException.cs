namespace Occi.Core;

/// <summary>What went wrong, in terms a client can act on; the server maps each to an HTTP status.</summary>
public enum OcciErrorKind
{
    BadRequest,        // 400
    Unauthorized,      // 401: no or bad credentials; the answer names the schemes to use
    Forbidden,         // 403
    NotFound,          // 404
    MethodNotAllowed,  // 405
    Conflict,          // 409
    PreconditionFailed, // 412: If-Match / If-None-Match did not hold (RFC 9110 §13.1)
    PayloadTooLarge,   // 413
    Unavailable,       // 503: the backend is down or its circuit is open
    BackendFailure,    // 502: the backend answered with an error
}

/// <summary>An error with a message that names the offending category, attribute, value or location.</summary>
public class OcciException(OcciErrorKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    public OcciErrorKind Kind { get; } = kind;

    /// <summary>For <see cref="OcciErrorKind.Unavailable"/>: how long the server holds requests off, when it knows (HTTP Retry-After).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// For <see cref="OcciErrorKind.Unavailable"/>: the server held the call off without making it (its circuit breaker
    /// was open), so the cloud changed nothing and there is nothing to undo.
    /// </summary>
    public bool NotAttempted { get; init; }

    public static OcciException BadRequest(string message) => new(OcciErrorKind.BadRequest, message);
    public static OcciException NotFound(string message) => new(OcciErrorKind.NotFound, message);
    public static OcciException Conflict(string message) => new(OcciErrorKind.Conflict, message);
    public static OcciException Forbidden(string message) => new(OcciErrorKind.Forbidden, message);
    public static OcciException PreconditionFailed(string message) => new(OcciErrorKind.PreconditionFailed, message);
}
