namespace Occi.Backends.Libvirt;

/// <summary>The virErrorNumber values (virterror.h) the backend tells apart; any other code is kept as its number.</summary>
internal enum LibvirtErrorCode
{
    Ok = 0,
    InternalError = 1,
    NoSupport = 3,
    NoConnect = 5,
    InvalidConnection = 6,
    InvalidDomain = 7,
    InvalidArgument = 8,
    OperationFailed = 9,
    XmlError = 27,
    DomainExists = 28,
    XmlDetail = 35,
    NetworkExists = 37,
    SystemError = 38,
    Rpc = 39,
    NoDomain = 42,
    NoNetwork = 43,
    AuthFailed = 45,
    NoStoragePool = 49,
    NoStorageVolume = 50,
    OperationInvalid = 55,
    ConfigUnsupported = 67,
    OperationTimeout = 68,
    NoDomainMetadata = 80,
    OperationUnsupported = 84,
    AgentUnresponsive = 86,
    ResourceBusy = 87,
    AccessDenied = 88,
}
