using Occi.Core;

namespace Occi.Server.Operations;

/// <summary>The method means nothing on the target (405); <see cref="Allow"/> lists those that do, for the Allow header (RFC 9110 §15.5.6).</summary>
internal sealed class MethodNotAllowedException(string message, string allow) : OcciException(OcciErrorKind.MethodNotAllowed, message)
{
    public string Allow { get; } = allow;
}
