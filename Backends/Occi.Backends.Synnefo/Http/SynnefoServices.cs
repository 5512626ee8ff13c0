using Occi.Backends.OpenStack.Http;

namespace Occi.Backends.Synnefo.Http;

/// <summary>
/// The Synnefo services the gateway calls, as the OpenStack request path knows a service: the catalog type Astakos
/// lists it under (identity-api-guide, "Authenticate": compute, image, …) and the name users know it by.
/// Differs from OpenStack: Cyclades is Compute v2.0, which has no microversions, so no OpenStack-API-Version header
/// goes to any Synnefo service.
/// </summary>
internal static class SynnefoServices
{
    public static readonly OpenStackService Astakos = new("identity", "Astakos");
    public static readonly OpenStackService Cyclades = new("compute", "Cyclades");
    public static readonly OpenStackService Plankton = new("image", "Plankton");

    /// <summary>Every service, for the named HttpClients.</summary>
    public static readonly OpenStackService[] All = [Astakos, Cyclades, Plankton];
}
