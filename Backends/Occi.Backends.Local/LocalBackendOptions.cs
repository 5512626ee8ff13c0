using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Occi.Backends.Local;

/// <summary>An OS image the simulator offers as an os_tpl mixin.</summary>
public sealed record OsTemplateOption(string Term, string Title);

/// <summary>A flavour the simulator offers as a resource_tpl mixin: its cores and memory (GiB).</summary>
public sealed record ResourceTemplateOption(string Term, string Title, long Cores, double MemoryGiB);

/// <summary>
/// How the simulated cloud behaves: bound from the <c>Occi:Local</c> section, plus <c>Occi:DataPath</c>
/// for where it keeps its state.
/// </summary>
public sealed class LocalBackendOptions
{
    public const string Section = "Occi:Local";
    public const string DataPathKey = "Occi:DataPath";

    /// <summary>Folder holding local-backend.json and its journal (<c>Occi:DataPath</c>, default ./data).</summary>
    public string DataPath { get; set; } = "./data";

    /// <summary>How long an action takes to complete, in milliseconds; 0 makes every transition immediate.</summary>
    public int ActionDelayMs { get; set; }

    /// <summary>
    /// A new compute boots by itself to "active", as on every real cloud (after <see cref="ActionDelayMs"/>);
    /// false keeps the simulator's old behaviour: computes are created "inactive" and need a start.
    /// </summary>
    public bool BootOnCreate { get; set; } = true;

    /// <summary>Probability (0..1) that an operation fails with BackendFailure, for chaos testing.</summary>
    public double FailureRate { get; set; }

    /// <summary>Seed of the failure dice, so a failing run can be replayed; null picks a random seed.</summary>
    public int? FailureSeed { get; set; }

    /// <summary>Forces each journal record to the disk (fsync) rather than to the OS; slower, survives power loss.</summary>
    public bool FlushToDisk { get; set; }

    /// <summary>IPv4 pool networkinterfaces draw from when their network has no occi.network.address.</summary>
    public string DefaultAddressPool { get; set; } = "10.0.0.0/16";

    /// <summary>Journal records tolerated beyond half the entity count before the snapshot is rewritten.</summary>
    internal int CompactAfterRecords { get; set; } = 4096;

    public string OsTemplateScheme { get; set; } = "http://occigateway.local/occi/infrastructure/os_tpl#";
    public string ResourceTemplateScheme { get; set; } = "http://occigateway.local/occi/infrastructure/resource_tpl#";

    public IList<OsTemplateOption> OsTemplates { get; set; } = DefaultOsTemplates.ToList();
    public IList<ResourceTemplateOption> ResourceTemplates { get; set; } = DefaultResourceTemplates.ToList();

    public static IReadOnlyList<OsTemplateOption> DefaultOsTemplates { get; } =
    [
        // GFD.185 §3.5.1 term = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-" / "_"): no dots, so 24.04 is spelt 24_04.
        new("ubuntu-24_04", "Ubuntu 24.04 LTS"),
        new("debian-12", "Debian 12"),
        new("centos-stream-9", "CentOS Stream 9"),
    ];

    public static IReadOnlyList<ResourceTemplateOption> DefaultResourceTemplates { get; } =
    [
        new("small", "Small: 1 core and 2 GiB", 1, 2),
        new("medium", "Medium: 2 cores and 4 GiB", 2, 4),
        new("large", "Large: 4 cores and 8 GiB", 4, 8),
    ];

    /// <summary>
    /// Reads the options by hand: the reflection binder would append configured template lists to the
    /// defaults instead of replacing them, and this runs once at start-up anyway.
    /// </summary>
    public static LocalBackendOptions From(IConfiguration configuration)
    {
        var o = new LocalBackendOptions();
        var section = configuration.GetSection(Section);
        if (configuration[DataPathKey] is { Length: > 0 } dataPath) o.DataPath = dataPath;
        if (section["ActionDelayMs"] is { } delay) o.ActionDelayMs = ParseInt(delay, "ActionDelayMs");
        if (section["FailureRate"] is { } rate) o.FailureRate = ParseDouble(rate, "FailureRate");
        if (section["FailureSeed"] is { Length: > 0 } seed) o.FailureSeed = ParseInt(seed, "FailureSeed");
        if (section["FlushToDisk"] is { } flush) o.FlushToDisk = ParseBool(flush, "FlushToDisk");
        if (section["BootOnCreate"] is { } boot) o.BootOnCreate = ParseBool(boot, "BootOnCreate");
        if (section["DefaultAddressPool"] is { Length: > 0 } pool) o.DefaultAddressPool = pool;
        if (section["OsTemplateScheme"] is { Length: > 0 } osScheme) o.OsTemplateScheme = osScheme;
        if (section["ResourceTemplateScheme"] is { Length: > 0 } resScheme) o.ResourceTemplateScheme = resScheme;

        var os = section.GetSection("OsTemplates").GetChildren().ToList();
        if (os.Count > 0)
            o.OsTemplates = os.Select(c => new OsTemplateOption(Required(c, "Term"), c["Title"] ?? Required(c, "Term"))).ToList();
        var res = section.GetSection("ResourceTemplates").GetChildren().ToList();
        if (res.Count > 0)
            o.ResourceTemplates = res.Select(c => new ResourceTemplateOption(Required(c, "Term"), c["Title"] ?? Required(c, "Term"),
                ParseInt(Required(c, "Cores"), c.Path + ":Cores"), ParseDouble(Required(c, "MemoryGiB"), c.Path + ":MemoryGiB"))).ToList();
        o.Validate();
        return o;
    }

    /// <summary>Throws when a value is out of range, naming the configuration key.</summary>
    public void Validate()
    {
        if (ActionDelayMs < 0) throw new ArgumentOutOfRangeException(nameof(ActionDelayMs), $"{Section}:ActionDelayMs must be 0 or more");
        if (FailureRate is < 0 or > 1 || double.IsNaN(FailureRate))
            throw new ArgumentOutOfRangeException(nameof(FailureRate), $"{Section}:FailureRate must be between 0 and 1");
        if (!Ipv4Block.TryParse(DefaultAddressPool, out _))
            throw new ArgumentException($"{Section}:DefaultAddressPool '{DefaultAddressPool}' is not an IPv4 CIDR block", nameof(DefaultAddressPool));
        foreach (var term in OsTemplates.Select(t => t.Term).Concat(ResourceTemplates.Select(t => t.Term)))
            if (!IsTerm(term))
                throw new ArgumentException($"template term '{term}' is not an OCCI term (letters, digits, '-' and '_', starting with a letter or digit)");
        // rOCCI-cli splits text/occi header values on every comma, quoted or not: one such title in the query
        // interface makes the whole model unreadable to it.
        foreach (var title in OsTemplates.Select(t => t.Title).Concat(ResourceTemplates.Select(t => t.Title)))
            if (title.Contains(','))
                throw new ArgumentException($"{Section}: template title '{title}' contains a comma, which rOCCI-cli's text/occi mode cannot read");
        foreach (var t in ResourceTemplates)
            if (t.Cores < 1 || t.MemoryGiB <= 0)
                throw new ArgumentException($"{Section}:ResourceTemplates '{t.Term}' needs at least one core and some memory");
    }

    // GFD.185 §3.5.1
    private static bool IsTerm(string term) =>
        term.Length > 0 && char.IsAsciiLetterOrDigit(term[0]) && term.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Required(IConfigurationSection s, string key) =>
        s[key] is { Length: > 0 } v ? v : throw new ArgumentException($"{s.Path}:{key} is required");

    private static int ParseInt(string s, string key) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"{Section}:{key} '{s}' is not an integer");

    private static bool ParseBool(string s, string key) =>
        bool.TryParse(s, out var v) ? v : throw new FormatException($"{Section}:{key} '{s}' is not true or false");

    private static double ParseDouble(string s, string key) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"{Section}:{key} '{s}' is not a number");
}
