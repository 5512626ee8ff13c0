using Occi.Core;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Occi.Backends.Libvirt;

/// <summary>Turns what a libvirt call threw into the OCCI error a client can act on.</summary>
internal static class LibvirtErrors
{
    public static OcciException ToOcci(Exception e, string what, string uri) => e switch
    {
        OcciException occi => occi,
        LibvirtException { IsNotFound: true } l => new OcciException(OcciErrorKind.NotFound, $"{what}: {l.LibvirtMessage}", l),
        LibvirtException { Code: LibvirtErrorCode.OperationInvalid } l => new OcciException(OcciErrorKind.Conflict, $"{what}: {l.LibvirtMessage}", l),
        LibvirtException { IsConnectionLost: true } l => new OcciException(OcciErrorKind.Unavailable, $"{what}: libvirt host {uri} is unreachable: {l.LibvirtMessage}", l),
        LibvirtException { Code: LibvirtErrorCode.NoSupport or LibvirtErrorCode.OperationUnsupported } l =>
            new OcciException(OcciErrorKind.BackendFailure, $"{what}: not supported by the libvirt driver of {uri}: {l.LibvirtMessage}", l),
        LibvirtException l => new OcciException(OcciErrorKind.BackendFailure, $"{what}: libvirt error {(int)l.Code}: {l.LibvirtMessage}", l),
        BrokenCircuitException b => new OcciException(OcciErrorKind.Unavailable, $"{what}: libvirt host {uri} is failing; calls are paused (circuit open)", b),
        TimeoutRejectedException t => new OcciException(OcciErrorKind.Unavailable, $"{what}: libvirt host {uri} did not answer in time", t),
        DllNotFoundException d => new OcciException(OcciErrorKind.Unavailable, $"{what}: {d.Message}", d),
        _ => new OcciException(OcciErrorKind.BackendFailure, $"{what}: {e.Message}", e),
    };
}
