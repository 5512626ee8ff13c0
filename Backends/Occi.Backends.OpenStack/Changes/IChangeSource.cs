using Occi.Backends.OpenStack.Identity;

namespace Occi.Backends.OpenStack.Changes;

/// <summary>
/// One service's listing of what changed since the last sweep (Nova's servers changes-since; Cinder's and Neutron's
/// equivalents), fed into that kind's read cache. <see cref="ChangeFollower"/> sweeps every source in turn.
/// </summary>
internal interface IChangeSource
{
    /// <summary>The service followed, for log lines.</summary>
    string Name { get; }

    Task SweepAsync(ICredential service, CancellationToken ct);
}
