namespace Occi.Backends.OpenStack.Http;

/// <summary>
/// One OpenStack service as the gateway calls it: its catalog type, the name users know it by (in error
/// messages), and the microversion header it alone is sent (Cinder answers 400 to a compute microversion).
/// Each has its own named HttpClient and its own resilience pipeline.
/// </summary>
internal sealed record OpenStackService(string Type, string DisplayName, string? MicroversionHeader = null)
{
    public static readonly OpenStackService Identity = new("identity", "Keystone");
    public static readonly OpenStackService Image = new("image", "Glance");

    /// <summary>Nova with its pinned microversion (nova api-ref, "Microversions": OpenStack-API-Version: compute 2.N).</summary>
    public static OpenStackService Compute(string microversion) => new("compute", "Nova", "compute " + microversion);

    /// <summary>The IHttpClientFactory name of its client.</summary>
    public string ClientName => "openstack." + Type;
}
