namespace Occi.Backends.Libvirt.Client;

/// <summary>virDomainState (libvirt-domain.h).</summary>
internal enum DomainState
{
    NoState = 0,
    Running = 1,
    Blocked = 2,
    Paused = 3,
    Shutdown = 4,    // being shut down
    Shutoff = 5,
    Crashed = 6,
    PmSuspended = 7,
}
