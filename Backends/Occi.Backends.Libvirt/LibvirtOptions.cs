namespace Occi.Backends.Libvirt;

/// <summary>The Occi:Libvirt configuration section.</summary>
public sealed class LibvirtOptions
{
    public const string Section = "Occi:Libvirt";

    /// <summary>libvirt connection URI: qemu:///system, qemu:///session, qemu+ssh://host/system, test:///default.</summary>
    public string Uri { get; set; } = "qemu:///system";

    /// <summary>
    /// Pool where storage resources, boot disks and cloud-init images are created; empty: the host's only active
    /// pool, or the one named "default" among several (see Translation/PoolChoice).
    /// </summary>
    public string StoragePool { get; set; } = "";

    /// <summary>Pool whose volumes are offered as os_tpl templates (base images cloned copy-on-write); empty: "images" when the host has it, else the storage pool.</summary>
    public string ImagePool { get; set; } = "";

    /// <summary>A created compute's domain is started, as a real cloud boots a new server; false only defines it (inactive).</summary>
    public bool BootOnCreate { get; set; } = true;

    /// <summary>Volume format of new volumes: qcow2 (copy-on-write clones) or raw.</summary>
    public string VolumeFormat { get; set; } = "qcow2";

    /// <summary>auto (kvm when the host offers it, else qemu/TCG), or a libvirt domain type: kvm, qemu, test.</summary>
    public string DomainType { get; set; } = "auto";

    /// <summary>
    /// CPU model of kvm domains: empty for the hypervisor's default model, or host-model / host-passthrough
    /// (faster, but nested KVM hosts may refuse them: "failed to set MSR").
    /// </summary>
    public string CpuMode { get; set; } = "";

    /// <summary>How new networks reach the outside: nat (default), route, or none (isolated).</summary>
    public string NetworkForwardMode { get; set; } = "nat";

    /// <summary>Scheme of the os_tpl mixins made from the image pool.</summary>
    public string OsTemplateScheme { get; set; } = "http://schemas.occigateway.org/libvirt/os_tpl#";

    /// <summary>Scheme of the resource_tpl mixins made from <see cref="Flavours"/>.</summary>
    public string ResourceTemplateScheme { get; set; } = "http://schemas.occigateway.org/libvirt/resource_tpl#";

    /// <summary>resource_tpl flavours; when none are configured, small/medium/large are offered.</summary>
    public List<LibvirtFlavour> Flavours { get; set; } = [];

    /// <summary>Cores and memory of a compute created with neither a resource_tpl nor explicit attributes.</summary>
    public int DefaultCores { get; set; } = 1;
    public double DefaultMemoryGiB { get; set; } = 1;

    /// <summary>Upper bound of one backend operation (its libvirt calls together), in seconds.</summary>
    public double TimeoutSeconds { get; set; } = 60;

    /// <summary>Retries of an operation that failed transiently (connection dropped, host busy).</summary>
    public int RetryCount { get; set; } = 2;
    public double RetryDelaySeconds { get; set; } = 0.5;

    /// <summary>Circuit breaker: failure ratio over the sampling window that opens it, and how long it stays open.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;
    public int BreakerMinimumThroughput { get; set; } = 5;
    public double BreakerSamplingSeconds { get; set; } = 30;
    public double BreakerBreakSeconds { get; set; } = 15;

    public static IReadOnlyList<LibvirtFlavour> DefaultFlavours { get; } =
    [
        new() { Term = "small", Title = "Small: 1 core and 1 GiB", Cores = 1, MemoryGiB = 1 },
        new() { Term = "medium", Title = "Medium: 2 cores and 4 GiB", Cores = 2, MemoryGiB = 4 },
        new() { Term = "large", Title = "Large: 4 cores and 8 GiB", Cores = 4, MemoryGiB = 8 },
    ];

    public IReadOnlyList<LibvirtFlavour> EffectiveFlavours => Flavours.Count > 0 ? Flavours : DefaultFlavours;
}

/// <summary>One resource_tpl flavour: the size of a compute.</summary>
public sealed class LibvirtFlavour
{
    public string Term { get; set; } = "";
    public string? Title { get; set; }
    public int Cores { get; set; } = 1;
    public double MemoryGiB { get; set; } = 1;
}
