using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Occi.Backends.OpenStack.Templates;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>Occi:OpenStack bound and checked at start, each refusal naming its key (no cloud needed).</summary>
public sealed class OptionsTests
{
    private static OpenStackOptions Bind(params (string Key, string Value)[] pairs) => Bind<OpenStackOptions>(pairs);

    /// <summary>An options class of the backend as the registration binds and checks it, from keys under Occi:OpenStack.</summary>
    internal static T Bind<T>(params (string Key, string Value)[] pairs) where T : class
    {
        var services = new ServiceCollection();
        OpenStackBackendRegistration.Register(services, new ConfigurationBuilder()
            .AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>("Occi:OpenStack:" + p.Key, p.Value))).Build());
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<T>>().Value;
    }

    [Test]
    public void A_password_account_and_a_tenant_s_application_credential_are_bound()
    {
        var options = Bind(("IdentityUrl", "http://keystone:5000/v3"), ("Username", "u"), ("Password", "p"), ("ProjectName", "proj"),
            ("ServiceAccounts:vo.example:ApplicationCredentialId", "id"), ("ServiceAccounts:vo.example:ApplicationCredentialSecret", "s"));
        Assert.That(options.ProjectName, Is.EqualTo("proj"));
        Assert.That(options.ServiceAccounts["vo.example"].ApplicationCredentialId, Is.EqualTo("id"));
        Assert.That(options.NovaMicroversion, Is.EqualTo("2.79"));
    }

    [TestCase("IdentityUrl", "keystone", "Occi:OpenStack:IdentityUrl")]
    [TestCase("Interface", "private", "Occi:OpenStack:Interface")]
    [TestCase("NovaMicroversion", "3.1", "Occi:OpenStack:NovaMicroversion")]
    [TestCase("StalenessSeconds", "-1", "Occi:OpenStack:StalenessSeconds")]
    [TestCase("DefaultNetworks", "public", "Occi:OpenStack:DefaultNetworks")]
    [TestCase("Password", "", "Occi:OpenStack:Password")]
    public void A_bad_value_stops_the_start_naming_the_key(string key, string value, string named)
    {
        List<(string, string)> pairs = [("IdentityUrl", "http://keystone:5000/v3"), ("Username", "u"), ("Password", "p"), ("ProjectName", "proj")];
        pairs.RemoveAll(p => p.Item1 == key);
        pairs.Add((key, value));
        Assert.That(() => Bind([.. pairs]), Throws.InstanceOf<OptionsValidationException>().With.Message.Contain(named));
    }

    [TestCase("APPLIANCE_MPURI", "eu.egi.fedcloud.appliance.appdb.mpuri")]
    [TestCase("CLOUDKEEPER_APPLIANCE_VO", "eu.egi.fedcloud.appliance.appdb.vo")]
    [TestCase("APPLIANCE_ATTRIBUTES_AD_USER_FULLNAME", "eu.egi.fedcloud.appliance.appdb.attributes.ad.user.fullname")]
    [TestCase("APPLIANCE_ID", "eu.egi.fedcloud.appliance.appdb.id")]
    [TestCase("APPLIANCE_IMAGE_LIST_ID", "eu.egi.fedcloud.appliance.appdb.image_list.id")]
    [TestCase("CLOUDKEEPER_APPLIANCE_IMAGE_LIST_ID", "eu.egi.fedcloud.appliance.appdb.image_list.id")]
    [TestCase("APPLIANCE_BASE_MPURI", "eu.egi.fedcloud.appliance.appdb.base_mpuri")]
    [TestCase("APPLIANCE_OPERATING_SYSTEM", "eu.egi.fedcloud.appliance.appdb.operating_system")]
    [TestCase("architecture", null)]
    [TestCase("APPLIANCE_", null)]
    public void Cloudkeeper_image_properties_become_appdb_attributes(string property, string? attribute) =>
        Assert.That(TemplateCatalog.AppDbNameOf(property), Is.EqualTo(attribute));

    [TestCase("1", "1")]
    [TestCase("153b7933-99e9-4d59-ac53-5387b5d7d717", "153b7933-99e9-4d59-ac53-5387b5d7d717")]
    [TestCase("m1.tiny", "m1.tiny")]
    [TestCase("my flavor/1", "my_flavor_1")]
    [TestCase("-x", "t-x")]
    public void OpenStack_ids_become_category_terms(string id, string term) => Assert.That(TemplateCatalog.TermOf(id), Is.EqualTo(term));
}
