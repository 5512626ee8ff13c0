using Microsoft.Extensions.Options;
using Occi.Backends.OpenStack.Appliances;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>Occi:OpenStack:Appliances (cloudkeeper's appliances in Glance) bound and checked at start, each refusal naming its key.</summary>
public sealed class ApplianceOptionsTests
{
    private static OpenStackApplianceOptions Bind(params (string Key, string Value)[] pairs) => OptionsTests.Bind<OpenStackApplianceOptions>(pairs);

    [Test]
    public void A_VO_to_project_map_is_bound_with_dotted_VO_names()
    {
        var options = Bind(("Username", "cloudkeeper"), ("Appliances:Projects:fedcloud.egi.eu", "egi-fedcloud"));

        Assert.That(options.Projects, Does.ContainKey("fedcloud.egi.eu").WithValue("egi-fedcloud"));
        Assert.That(options.Visibility, Is.EqualTo("private"));
    }

    [Test]
    public void A_map_with_an_application_credential_account_stops_the_start_naming_the_keys()
    {
        Assert.That(() => Bind(("ApplicationCredentialId", "id"), ("Appliances:Projects:fedcloud.egi.eu", "egi-fedcloud")),
            Throws.InstanceOf<OptionsValidationException>().With.Message.Contain("Occi:OpenStack:Appliances:Projects").And.Message.Contain("Occi:OpenStack:Username"));
    }

    [TestCase("Appliances:Visibility", "everyone", "Occi:OpenStack:Appliances:Visibility")]
    [TestCase("Appliances:UploadTimeoutSeconds", "0", "Occi:OpenStack:Appliances:UploadTimeoutSeconds")]
    [TestCase("Appliances:Projects:fedcloud.egi.eu", " ", "Occi:OpenStack:Appliances:Projects:fedcloud.egi.eu")]
    public void A_bad_value_stops_the_start_naming_the_key(string key, string value, string named)
    {
        Assert.That(() => Bind(("Username", "cloudkeeper"), (key, value)), Throws.InstanceOf<OptionsValidationException>().With.Message.Contain(named));
    }
}
