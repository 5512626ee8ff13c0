namespace Occi.Backends.OpenStack.Appliances;

/// <summary>
/// Occi:OpenStack:Appliances: where cloudkeeper's appliances (issue 16) go in Glance. Each VO's appliances are images
/// of the project the VO maps to, made by the configured account acting in that project (as cloudkeeper-os does with
/// its VO → project mapping); an appliance of a VO not mapped here is refused and nothing is registered.
/// </summary>
public sealed class OpenStackApplianceOptions
{
    public const string Section = "Occi:OpenStack:Appliances";

    /// <summary>
    /// VO → project name (in the configured account's ProjectDomain), e.g. "fedcloud.egi.eu": "egi-fedcloud". The
    /// configured account (Occi:OpenStack:Username) needs a role in each project that lets it manage images there.
    /// </summary>
    public Dictionary<string, string> Projects { get; set; } = [];

    /// <summary>Glance visibility of the images: private (the project alone), shared, community or public.</summary>
    public string Visibility { get; set; } = "private";

    /// <summary>Bound of one image's upload to Glance, in seconds (an image of several GiB takes minutes).</summary>
    public double UploadTimeoutSeconds { get; set; } = 3600;
}
