namespace Occi.Core.BackendContracts;

/// <summary>
/// A verified appliance image ready to register: its os_tpl term (stable across updates of the appliance), a
/// title, the staged file, its disk format ("raw", "qcow2", "vmdk", "ova") and size in bytes, and the AppDB
/// identity a backend may record beside it (a cloud's own image properties).
/// </summary>
public sealed record ApplianceImage(string Term, string Title, string File, string Format, long Size)
{
    /// <summary>The AppDB appliance identifier (the image list's entry).</summary>
    public string Identifier { get; init; } = "";

    public string Vo { get; init; } = "";

    public string Version { get; init; } = "";

    public string ImageListIdentifier { get; init; } = "";
}
