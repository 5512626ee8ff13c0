using Occi.Core;

namespace Occi.Server.Auth;

/// <summary>401: the request carried no credentials an enabled scheme accepts. Its challenges become WWW-Authenticate.</summary>
internal sealed class AuthenticationRequiredException(string message, IReadOnlyList<string> challenges)
    : OcciException(OcciErrorKind.Unauthorized, message)
{
    public IReadOnlyList<string> Challenges { get; } = challenges;
}
