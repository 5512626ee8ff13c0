using Occi.Backends.OpenStack.Identity;

namespace Occi.Backends.Synnefo.Identity;

/// <summary>
/// What Astakos said of a token: the token with its catalog and project, in the shape the OpenStack request path
/// reads (<see cref="KeystoneToken"/>), and the name of the user holding it.
/// </summary>
internal sealed record AstakosGrant(KeystoneToken Token, string UserName);
