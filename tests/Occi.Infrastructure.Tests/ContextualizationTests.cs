using Occi.Core;
using Occi.Core.Model;
using Occi.Core.Registry;
using Occi.Core.Validation;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;

namespace Occi.Infrastructure.Tests;

public class ContextualizationTests
{
    private static Resource NewCompute() => new() { Kind = Compute.Kind.Id, Id = "c1" };

    [Test]
    public void Public_key_is_read_from_the_ssh_key_mixin()
    {
        var e = NewCompute();
        e.Attributes[Contextualization.SshPublicKey] = "ssh-ed25519 AAAA one";
        Assert.That(Contextualization.PublicKeyOf(e), Is.EqualTo("ssh-ed25519 AAAA one"));
    }

    [Test]
    public void Public_key_is_read_from_the_openstack_mixin()
    {
        var e = NewCompute();
        e.Attributes[Contextualization.OpenStackPublicKeyData] = "ssh-rsa AAAA two";
        Assert.That(Contextualization.PublicKeyOf(e), Is.EqualTo("ssh-rsa AAAA two"));
    }

    [Test]
    public void The_ogf_public_key_wins_when_both_are_given()
    {
        var e = NewCompute();
        e.Attributes[Contextualization.OpenStackPublicKeyData] = "openstack";
        e.Attributes[Contextualization.SshPublicKey] = "ogf";
        Assert.That(Contextualization.PublicKeyOf(e), Is.EqualTo("ogf"));
    }

    [Test]
    public void User_data_is_read_from_either_mixin()
    {
        var ogf = NewCompute();
        ogf.Attributes[Contextualization.UserDataAttribute] = "I2Nsb3VkLWNvbmZpZw==";
        var openstack = NewCompute();
        openstack.Attributes[Contextualization.OpenStackUserData] = "IyEvYmluL3No";
        Assert.That(Contextualization.UserDataOf(ogf), Is.EqualTo("I2Nsb3VkLWNvbmZpZw=="));
        Assert.That(Contextualization.UserDataOf(openstack), Is.EqualTo("IyEvYmluL3No"));
    }

    [Test]
    public void Without_contextualization_there_is_no_key_and_no_user_data()
    {
        Assert.That(Contextualization.PublicKeyOf(NewCompute()), Is.Null);
        Assert.That(Contextualization.UserDataOf(NewCompute()), Is.Null);
    }

    [Test]
    public void Ssh_key_mixin_without_its_key_is_refused_on_create()
    {
        var e = NewCompute();
        e.Mixins.Add(Contextualization.SshKey.Id);
        var model = new CategoryRegistry(InfrastructureModel.All).Current;
        Assert.That(() => EntityValidator.ValidateCreate(e, model),
            Throws.TypeOf<OcciException>().With.Message.Contains(Contextualization.SshPublicKey));
    }

    [Test]
    public void Compute_with_ssh_key_and_user_data_validates()
    {
        var e = NewCompute();
        e.Mixins.Add(Contextualization.SshKey.Id);
        e.Mixins.Add(Contextualization.UserData.Id);
        e.Attributes[Contextualization.SshPublicKey] = "ssh-ed25519 AAAA";
        e.Attributes[Contextualization.UserDataAttribute] = "I2Nsb3VkLWNvbmZpZw==";
        Assert.That(() => EntityValidator.ValidateCreate(e, new CategoryRegistry(InfrastructureModel.All).Current), Throws.Nothing);
    }
}
