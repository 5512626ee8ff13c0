using Occi.Backends.Libvirt.Client;
using Occi.Backends.Libvirt.Xml;
using Occi.Core;
using Occi.Core.Model;

namespace Occi.Backends.Libvirt.Translation;

/// <summary>The domain a link's source names, and the parsing of a link's "domain-uuid/device" backend id.</summary>
internal static class LinkEnds
{
    public static Link AsLink(Entity entity) =>
        entity as Link ?? throw OcciException.BadRequest($"{entity.Kind.Term} {entity.Id} is a link kind but was not given as a link");

    /// <summary>The source's domain UUID: its backend id as the server resolved it, else derived from the id its location ends in.</summary>
    public static Guid SourceUuid(Link link) =>
        Guid.TryParse(link.SourceBackendId, out var uuid) ? uuid : EntityNames.DomainUuid(EntityNames.IdFromLocation(link.Source));

    public static LibvirtDomain SourceDomain(LibvirtConnection connection, Link link) =>
        connection.FindDomain(SourceUuid(link))
        ?? throw OcciException.NotFound($"source {link.Source} of {link.Kind.Term} {link.Id} has no libvirt domain");

    /// <summary>(domain UUID, device key) from the backend id, or from the link's source and <paramref name="fallbackKey"/>.</summary>
    public static (Guid Uuid, string Key) Parse(Link link, string? fallbackKey)
    {
        if (link.BackendId is { } id && id.IndexOf('/') is var slash and > 0 && Guid.TryParse(id[..slash], out var uuid))
            return (uuid, id[(slash + 1)..]);
        return (SourceUuid(link), fallbackKey ?? "");
    }

    /// <summary>The gateway's domains, with their persistent definitions.</summary>
    public static IEnumerable<(Guid Uuid, System.Xml.Linq.XDocument Definition)> OurDomains(LibvirtConnection connection)
    {
        foreach (var domain in connection.ListDomains())
            using (domain)
                if (domain.Metadata(DomainXml.Namespace) is not null)
                    yield return (domain.Uuid, System.Xml.Linq.XDocument.Parse(domain.InactiveXml));
    }
}
