using Microsoft.Extensions.Logging;
using Occi.Backends.OpenStack.Changes;
using Occi.Backends.OpenStack.Http;

namespace Occi.Backends.Synnefo.Http;

/// <summary>
/// The OpenStack backend's one request path (<see cref="OpenStackHttp"/>: endpoint from the token's catalog,
/// X-Auth-Token, a Polly pipeline per service, faults → OCCI errors) on pipelines of the Synnefo backend's own, built
/// from Occi:Synnefo. Its own instance, not the container's: the OpenStack backend may be registered beside it.
/// Synnefo's faults have OpenStack's shape ({"overLimit": {"code": 413, "message": …}}), so OpenStackFault reads them.
/// </summary>
internal sealed class SynnefoHttp
{
    public SynnefoHttp(IHttpClientFactory clients, SynnefoOptions options, TimeProvider time, ILogger<OpenStackHttp> logger) =>
        Requests = new(clients, new ServicePipelines(options.AsOpenStack(), time), Writes, logger);

    /// <summary>This path's writes to Cyclades in flight, which the change follower's listings wait for.</summary>
    public WritesInFlight Writes { get; } = new();

    public OpenStackHttp Requests { get; }
}
