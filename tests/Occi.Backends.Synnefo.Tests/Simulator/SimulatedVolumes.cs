namespace Occi.Backends.Synnefo.Tests.Simulator;

/// <summary>
/// What the simulated Cyclades block storage holds (docs/blockstorage-api-guide.rst, "Volume Attributes"): volumes,
/// each owned by one user and attached to at most one server. Every read and write holds <see cref="Gate"/>.
/// </summary>
internal sealed class SimulatedVolumes
{
    private int _next = 40;

    public Lock Gate { get; } = new();
    public Dictionary<string, SimVolume> Volumes { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimSnapshot> Snapshots { get; } = new(StringComparer.Ordinal);

    /// <summary>While set, volumes stay CREATING however often they are read (an Archipelago that is slow to make them).</summary>
    public bool HoldCreating { get; set; }

    public string NextId() => (++_next).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The bytes of disk the user's volumes take (cyclades.disk counts bytes: docs/quota-api-guide.rst).</summary>
    public long DiskBytesOf(string user)
    {
        lock (Gate) return Volumes.Values.Where(v => v.Owner == user).Sum(v => v.Size * (1L << 30));
    }

    public bool HoldsNothingOf(string user)
    {
        lock (Gate) return !Volumes.Values.Any(v => v.Owner == user);
    }
}

internal sealed record SimVolume(string Id, string Owner, long Size, string Name, string? Description, Dictionary<string, string> Metadata, string? VolumeType)
{
    public string Status { get; set; } = "CREATING";
    public string? ServerId { get; set; }
    public string Created { get; init; } = "2026-12-05T10:00:00.000000";
}

internal sealed record SimSnapshot(string Id, string VolumeId, string Owner, string Name, string? Description, long Size);
