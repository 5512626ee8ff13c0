using Occi.Core.Attributes;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;

namespace Occi.Infrastructure.Tests;

/// <summary>The mixins of GFD.184 §3.2.1, §3.4.1.1, §3.5 and GFD.224 §3.6.</summary>
public class MixinTableTests
{
    [Test]
    public void IpNetwork_is_network_ipnetwork_applying_to_network()
    {
        Assert.That(IpNetwork.Mixin.Id.Identity, Is.EqualTo("http://schemas.ogf.org/occi/infrastructure/network#ipnetwork"));
        Assert.That(IpNetwork.Mixin.Applies, Is.EqualTo(new[] { Network.Kind.Id }));
    }

    [Test]
    public void IpNetwork_attributes_match_the_spec_table()
    {
        SpecAttribute[] table =
        [
            new("occi.network.address", AttributeType.String, true),
            new("occi.network.gateway", AttributeType.String, true),
            new("occi.network.allocation", AttributeType.Enum, true, "dynamic", "static"),
        ];
        Assert.That(IpNetwork.Mixin.Attributes.Select(a => a.Name), Is.EquivalentTo(table.Select(a => a.Name)));
        Assert.That(table.SelectMany(a => a.Mismatches(IpNetwork.Mixin)), Is.Empty);
    }

    [Test]
    public void IpNetworkInterface_is_networkinterface_ipnetworkinterface_applying_to_networkinterface()
    {
        Assert.That(IpNetworkInterface.Mixin.Id.Identity, Is.EqualTo("http://schemas.ogf.org/occi/infrastructure/networkinterface#ipnetworkinterface"));
        Assert.That(IpNetworkInterface.Mixin.Applies, Is.EqualTo(new[] { NetworkInterface.Kind.Id }));
    }

    [Test]
    public void IpNetworkInterface_attributes_match_the_spec_table()
    {
        SpecAttribute[] table =
        [
            new("occi.networkinterface.address", AttributeType.String, true),
            new("occi.networkinterface.gateway", AttributeType.String, true),
            new("occi.networkinterface.allocation", AttributeType.Enum, true, "dynamic", "static"),
        ];
        Assert.That(IpNetworkInterface.Mixin.Attributes.Select(a => a.Name), Is.EquivalentTo(table.Select(a => a.Name)));
        Assert.That(table.SelectMany(a => a.Mismatches(IpNetworkInterface.Mixin)), Is.Empty);
    }

    [Test]
    public void Os_and_resource_templates_are_infrastructure_mixins_without_attributes()
    {
        Assert.That(Templates.OsTpl.Id.Identity, Is.EqualTo("http://schemas.ogf.org/occi/infrastructure#os_tpl"));
        Assert.That(Templates.ResourceTpl.Id.Identity, Is.EqualTo("http://schemas.ogf.org/occi/infrastructure#resource_tpl"));
        Assert.That(Templates.OsTpl.Attributes, Is.Empty);
        Assert.That(Templates.ResourceTpl.Attributes, Is.Empty);
    }

    // GFD.224 §3.6 as published (and as rOCCI renders it): infrastructure/credentials#ssh_key.
    // The occi-wg draft at HEAD spells the scheme http://schemas.ogf.org/occi/credentials#.
    [Test]
    public void Ssh_key_mixin_carries_a_mutable_public_key_and_applies_only_to_compute()
    {
        Assert.That(Contextualization.SshKey.Id.Identity, Is.EqualTo("http://schemas.ogf.org/occi/infrastructure/credentials#ssh_key"));
        Assert.That(Contextualization.SshKey.Applies, Is.EqualTo(new[] { Compute.Kind.Id }));
        Assert.That(new SpecAttribute("occi.credentials.ssh.publickey", AttributeType.String, true).Mismatches(Contextualization.SshKey), Is.Empty);
    }

    // GFD.224 §3.6 as published: infrastructure/compute#user_data with occi.compute.userdata
    // (the draft at HEAD writes occi/compute# and occi.compute.user_data).
    [Test]
    public void User_data_mixin_carries_the_user_data_and_applies_only_to_compute()
    {
        Assert.That(Contextualization.UserData.Id.Identity, Is.EqualTo("http://schemas.ogf.org/occi/infrastructure/compute#user_data"));
        Assert.That(Contextualization.UserData.Applies, Is.EqualTo(new[] { Compute.Kind.Id }));
        Assert.That(new SpecAttribute("occi.compute.userdata", AttributeType.String, true).Mismatches(Contextualization.UserData), Is.Empty);
    }

    [Test]
    public void OpenStack_contextualization_mixins_apply_only_to_compute()
    {
        Assert.That(Contextualization.OpenStackPublicKey.Id.Identity, Is.EqualTo("http://schemas.openstack.org/instance/credentials#public_key"));
        Assert.That(Contextualization.OpenStackUserDataMixin.Id.Identity, Is.EqualTo("http://schemas.openstack.org/compute/instance#user_data"));
        Assert.That(Contextualization.OpenStackPublicKey.CanApplyTo(Storage.Kind), Is.False);
        Assert.That(Contextualization.OpenStackUserDataMixin.CanApplyTo(Compute.Kind), Is.True);
    }

    [Test]
    public void Infrastructure_mixins_do_not_apply_to_the_wrong_kind()
    {
        Assert.That(IpNetwork.Mixin.CanApplyTo(Compute.Kind), Is.False);
        Assert.That(IpNetworkInterface.Mixin.CanApplyTo(StorageLink.Kind), Is.False);
        Assert.That(Contextualization.SshKey.CanApplyTo(Network.Kind), Is.False);
        Assert.That(Templates.OsTpl.CanApplyTo(Storage.Kind), Is.False);
    }
}
