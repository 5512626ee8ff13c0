using Occi.Backends.OpenStack;
using Occi.Core.Attributes;
using Occi.Core.Model;
using ComputeKind = Occi.Infrastructure.Kinds.Compute;

namespace Occi.Backends.Synnefo.Compute;

/// <summary>
/// A Cyclades server's metadata (compute-api-guide, "Get Server Details" and "List Server Metadata": key/value
/// strings, keys upper case by convention, OS and USERS copied from the image at create) as compute attributes named
/// org.synnefo.server.metadata.&lt;key&gt;: the provider-prefixed naming this backend's templates use
/// (org.synnefo.flavor.disk, org.synnefo.image.*), as the OpenStack backend names its own (org.openstack.flavor.disk).
/// The gateway's mark (occi_gateway, occi_id) stays hidden; a key that cannot be part of an OCCI attribute name
/// (GFD.185 §3.2: letters, digits, "-", "_") is left out rather than renamed. Read-only: the OpenStack backend writes
/// no server metadata from attributes (a compute update renames the server, nothing else), so neither does this one.
/// </summary>
internal static class ServerMetadata
{
    public const string Prefix = "org.synnefo.server.metadata.";
    public const string Os = Prefix + "OS";
    public const string Users = Prefix + "USERS";

    /// <summary>
    /// Declares the attributes in /-/ (the two keys every Cyclades server has; other keys show under the same prefix).
    /// Not put on entities: it describes what the backend fills in, which a client neither sets nor removes.
    /// </summary>
    public static readonly Mixin Mixin = new("http://schemas.synnefo.org/occi/infrastructure/compute#", "server_metadata",
        "Cyclades server metadata, read-only: org.synnefo.server.metadata.<key> for each key of the server's metadata",
        "/mixin/synnefo_server_metadata/", applies: [ComputeKind.Kind.Id],
        attributes:
        [
            new AttributeDefinition(Os, AttributeType.String, mutable: false, description: "The server's OS metadata (from its image's os property)"),
            new AttributeDefinition(Users, AttributeType.String, mutable: false, description: "The server's USERS metadata (from its image's users property)"),
        ]);

    /// <summary>Replaces the entity's metadata attributes with the server's (a key removed in Cyclades goes from the entity too).</summary>
    public static void Apply(Entity entity, IReadOnlyDictionary<string, string>? metadata)
    {
        List<string>? stale = null;
        foreach (var (name, _) in entity.Attributes)
            if (name.StartsWith(Prefix, StringComparison.Ordinal) && (metadata is null || !metadata.ContainsKey(name[Prefix.Length..])))
                (stale ??= []).Add(name);
        foreach (var name in stale ?? []) entity.Attributes.Remove(name);
        if (metadata is null) return;
        foreach (var (key, value) in metadata)
        {
            if (value is null || key is GatewayMetadata.GatewayKey or GatewayMetadata.EntityKey || !AttributeName.IsValid(Prefix + key)) continue;
            entity.Attributes[Prefix + key] = value;
        }
    }
}
