namespace Occi.Backends.Libvirt.Xml;

/// <summary>What the gateway asks of a new domain; <see cref="DomainXml.Build"/> turns it into domain XML.</summary>
internal sealed record DomainSpec(
    string Name,
    Guid Uuid,
    string Type,
    string OcciId,
    string Kind,
    string? Title,
    int Cores,
    long MemoryMiB,
    IReadOnlyList<DiskSpec> Disks,
    IReadOnlyList<OwnedVolume> OwnedVolumes,
    string? CpuMode = null);

/// <summary>A disk backed by a file on the host.</summary>
internal sealed record DiskSpec(string Path, string Format, string Device, bool IsCdrom = false);

/// <summary>A volume the gateway created for a compute and removes with it.</summary>
internal sealed record OwnedVolume(string Pool, string Name);
