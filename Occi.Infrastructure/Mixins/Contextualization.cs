using Occi.Core.Attributes;
using Occi.Core.Model;

namespace Occi.Infrastructure.Mixins;

/// <summary>
/// What to inject into a new compute: GFD.224 §3.6's ssh_key and user_data mixins, and the
/// OpenStack-scheme ones EGI clients (rOCCI-cli's --context) still send.
/// </summary>
public static class Contextualization
{
    public const string SshPublicKey = "occi.credentials.ssh.publickey";
    public const string UserDataAttribute = "occi.compute.userdata";
    public const string OpenStackPublicKeyData = "org.openstack.credentials.publickey.data";
    public const string OpenStackPublicKeyName = "org.openstack.credentials.publickey.name";
    public const string OpenStackUserData = "org.openstack.compute.user_data";

    public static readonly Mixin SshKey = new(InfrastructureSchemes.Credentials, "ssh_key", "Credentials mixin", "/mixin/ssh_key/",
        applies: [Kinds.Compute.Kind.Id],
        attributes: [new AttributeDefinition(SshPublicKey, AttributeType.String, required: true, description: "The content of the public key file to be injected into the Compute Resource")]);

    public static readonly Mixin UserData = new(InfrastructureSchemes.Compute, "user_data", "Contextualization mixin", "/mixin/user_data/",
        applies: [Kinds.Compute.Kind.Id],
        attributes: [new AttributeDefinition(UserDataAttribute, AttributeType.String, required: true, description: "Contextualization data (e.g. a script or an executable) that the client supplies once and only once. It cannot be updated.")]);

    public static readonly Mixin OpenStackPublicKey = new("http://schemas.openstack.org/instance/credentials#", "public_key", "Contextualization extension - public_key",
        "/mixin/public_key/", applies: [Kinds.Compute.Kind.Id],
        attributes:
        [
            new AttributeDefinition(OpenStackPublicKeyData, AttributeType.String, required: true, description: "Contents of the public key"),
            new AttributeDefinition(OpenStackPublicKeyName, AttributeType.String, description: "Name of the key pair"),
        ]);

    public static readonly Mixin OpenStackUserDataMixin = new("http://schemas.openstack.org/compute/instance#", "user_data", "Contextualization extension - user_data",
        "/mixin/openstack_user_data/", applies: [Kinds.Compute.Kind.Id],
        attributes: [new AttributeDefinition(OpenStackUserData, AttributeType.String, required: true, description: "Base64-encoded user data")]);

    /// <summary>The public key an entity carries, whichever mixin brought it.</summary>
    public static string? PublicKeyOf(Entity e) => e.Attributes.GetString(SshPublicKey) ?? e.Attributes.GetString(OpenStackPublicKeyData);

    /// <summary>The user data an entity carries, whichever mixin brought it (base64 per both specifications).</summary>
    public static string? UserDataOf(Entity e) => e.Attributes.GetString(UserDataAttribute) ?? e.Attributes.GetString(OpenStackUserData);
}
