namespace Occi.Core.BackendContracts;

/// <summary>
/// A verified appliance image ready to register: the appliance it belongs to (its os_tpl term, stable across
/// updates, and its AppDB metadata), the staged file, its disk format ("raw", "qcow2", "vmdk", "ova") and size in bytes.
/// </summary>
public sealed record ApplianceImage(ApplianceMetadata Appliance, string File, string Format, long Size)
{
    public string Term => Appliance.Term;
}
