namespace Occi.Backends.Libvirt;

/// <summary>
/// A failed libvirt call, carrying libvirt's own error: its code (virErrorNumber), the part of libvirt
/// that raised it (virErrorDomain) and its message.
/// </summary>
internal sealed class LibvirtException(LibvirtErrorCode code, int errorDomain, string message, string? call = null)
    : Exception(call is null ? message : $"{call}: {message}")
{
    public LibvirtErrorCode Code { get; } = code;

    /// <summary>virErrorDomain: which part of libvirt raised the error (12 test driver, 10 qemu, 18 storage, …).</summary>
    public int ErrorDomain { get; } = errorDomain;

    /// <summary>libvirt's message, without the name of the call.</summary>
    public string LibvirtMessage { get; } = message;

    /// <summary>The libvirt function that failed, e.g. "virDomainCreate".</summary>
    public string? Call { get; } = call;

    /// <summary>The object named does not exist (any more).</summary>
    public bool IsNotFound => Code is LibvirtErrorCode.NoDomain or LibvirtErrorCode.NoNetwork
        or LibvirtErrorCode.NoStoragePool or LibvirtErrorCode.NoStorageVolume;

    /// <summary>
    /// The connection to the host is broken: reopen it and the call may succeed. A system error counts only
    /// when the RPC or remote layer raised it (a socket failing); from storage, say, it is the host's own
    /// failure (ENOSPC filling a volume), which reconnecting would only repeat.
    /// </summary>
    public bool IsConnectionLost => Code is LibvirtErrorCode.NoConnect or LibvirtErrorCode.InvalidConnection or LibvirtErrorCode.Rpc
        || (Code is LibvirtErrorCode.SystemError && ErrorDomain is FromRpc or FromRemote);

    // virErrorDomain values (virterror.h).
    internal const int FromRpc = 7;
    internal const int FromRemote = 13;

    /// <summary>Worth trying again: the connection dropped, the host timed out or was busy.</summary>
    public bool IsTransient => IsConnectionLost || Code is LibvirtErrorCode.OperationTimeout
        or LibvirtErrorCode.AgentUnresponsive or LibvirtErrorCode.ResourceBusy;
}
