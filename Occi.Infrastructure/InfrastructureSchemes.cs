namespace Occi.Infrastructure;

/// <summary>Category schemes of GFD.184 / GFD.224.</summary>
public static class InfrastructureSchemes
{
    public const string Infrastructure = "http://schemas.ogf.org/occi/infrastructure#";
    public const string ComputeAction = "http://schemas.ogf.org/occi/infrastructure/compute/action#";
    public const string StorageAction = "http://schemas.ogf.org/occi/infrastructure/storage/action#";
    public const string NetworkAction = "http://schemas.ogf.org/occi/infrastructure/network/action#";
    public const string Network = "http://schemas.ogf.org/occi/infrastructure/network#";
    public const string NetworkInterface = "http://schemas.ogf.org/occi/infrastructure/networkinterface#";
    public const string Credentials = "http://schemas.ogf.org/occi/infrastructure/credentials#";
    public const string Compute = "http://schemas.ogf.org/occi/infrastructure/compute#";
}
