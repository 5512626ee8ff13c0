using Occi.Core;
using Occi.Core.Model;

namespace Occi.Backends.OpenStack;

/// <summary>
/// The OpenStack ids at a link's ends, as the server resolved them before the backend sees the link: the source's
/// Nova server id, the target's Cinder volume or Neutron network id. A link to or from something outside this
/// gateway has none, and OpenStack cannot make it.
/// </summary>
internal static class LinkEnds
{
    public static Link AsLink(Entity entity) =>
        entity as Link ?? throw OcciException.BadRequest($"{entity.Kind.Term} {entity.Id} is a link kind but was not given as a link");

    public static string ServerOf(Link link) =>
        link.SourceBackendId is { Length: > 0 } id ? id
        : throw OcciException.BadRequest($"the source {link.Source} of {link.Kind.Term} {link.Id} is no compute of this gateway");

    public static string TargetOf(Link link, string what) =>
        link.TargetBackendId is { Length: > 0 } id ? id
        : throw OcciException.BadRequest($"the target {link.Target} of {link.Kind.Term} {link.Id} is no {what} of this gateway");

    /// <summary>"server/other" backend ids of links: (server id, the other id); null for an id of another shape (a rollback's placeholder).</summary>
    public static (string Server, string Other)? Split(string? backendId) =>
        backendId is { } id && id.IndexOf('/') is var slash and > 0 && slash < id.Length - 1 ? (id[..slash], id[(slash + 1)..]) : null;
}
