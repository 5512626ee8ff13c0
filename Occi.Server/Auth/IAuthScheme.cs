using Microsoft.AspNetCore.Authentication;

namespace Occi.Server.Auth;

/// <summary>
/// One way in that Occi:Auth:Schemes can switch on: it registers its ASP.NET Core handler (named after it) and says
/// what a 401 offers for it. The handler answers NoResult when the request carries none of its credentials, so
/// the next enabled scheme is tried; Fail when they are there but wrong.
/// </summary>
internal interface IAuthScheme
{
    /// <summary>One of <see cref="AuthSchemeNames"/>.</summary>
    string Name { get; }

    /// <summary>Adds the handler, its options (its own Occi:Auth:&lt;Name&gt; section, checked at start) and what it needs.</summary>
    void Register(AuthenticationBuilder authentication, IConfiguration configuration);

    /// <summary>The WWW-Authenticate value a 401 offers for this scheme; null when it has none (X.509 is asked for in TLS).</summary>
    AuthChallenge? Challenge(IServiceProvider services);
}

/// <summary>A WWW-Authenticate value; Alone when the 401 must carry it without the others (rOCCI-cli matches the whole header).</summary>
internal sealed record AuthChallenge(string Value, bool Alone = false)
{
    /// <summary>
    /// Set when the value names a URL of this server (the built-in Keystone) that only the request can make absolute
    /// (Occi:BaseUrl empty): the value for that request, instead of <see cref="Value"/>.
    /// </summary>
    public Func<HttpRequest, string>? ForRequest { get; init; }
}
