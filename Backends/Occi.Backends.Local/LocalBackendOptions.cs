using Occi.Core;

namespace Occi.Backends.Local;

/// <summary>
/// How the simulated cloud behaves: bound from the <c>Occi:Local</c> section, plus <c>Occi:DataPath</c>
/// for where it keeps its state (<see cref="LocalBackendRegistration"/>); checked at start by <see cref="Problems"/>.
/// </summary>
public sealed class LocalBackendOptions
{
    public const string Section = "Occi:Local";

    /// <summary>Folder holding local-backend.json and its journal: <c>Occi:DataPath</c>, not a key of this section.</summary>
    public string DataPath { get; set; } = DataPathOptions.Default;

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

    /// <summary>From this many entities on, the snapshot is written off the request path (StateJournal.TryCompactInBackground).</summary>
    internal int CompactInBackgroundFrom { get; set; } = 10_000;

    public string OsTemplateScheme { get; set; } = "http://occigateway.local/occi/infrastructure/os_tpl#";
    public string ResourceTemplateScheme { get; set; } = "http://occigateway.local/occi/infrastructure/resource_tpl#";

    // Empty by default, meaning the defaults below: the binder adds configured entries to a list it finds
    // filled, so a configured list could not replace default ones.

    /// <summary>The os_tpl images offered; none configured: <see cref="DefaultOsTemplates"/>.</summary>
    public IList<OsTemplateOption> OsTemplates { get; set; } = [];

    /// <summary>The resource_tpl flavours offered; none configured: <see cref="DefaultResourceTemplates"/>.</summary>
    public IList<ResourceTemplateOption> ResourceTemplates { get; set; } = [];

    public IReadOnlyList<OsTemplateOption> EffectiveOsTemplates => OsTemplates.Count > 0 ? [.. OsTemplates] : DefaultOsTemplates;

    public IReadOnlyList<ResourceTemplateOption> EffectiveResourceTemplates => ResourceTemplates.Count > 0 ? [.. ResourceTemplates] : DefaultResourceTemplates;

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

    /// <summary>Throws when a value is out of range, naming the configuration key (for options built in code).</summary>
    public void Validate()
    {
        if (Problems() is [_, ..] problems) throw new ArgumentException(string.Join("; ", problems));
    }

    /// <summary>What is wrong, one sentence per value, each naming its configuration key; empty when nothing is.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (ActionDelayMs < 0) problems.Add($"{Section}:ActionDelayMs must be 0 or more");
        if (FailureRate is < 0 or > 1 || double.IsNaN(FailureRate)) problems.Add($"{Section}:FailureRate must be between 0 and 1");
        if (!Ipv4Block.TryParse(DefaultAddressPool, out _))
            problems.Add($"{Section}:DefaultAddressPool '{DefaultAddressPool}' is not an IPv4 CIDR block");
        var templates = OsTemplates.Select((t, i) => (Key: $"{Section}:OsTemplates:{i}", t.Term, t.Title))
            .Concat(ResourceTemplates.Select((t, i) => (Key: $"{Section}:ResourceTemplates:{i}", t.Term, t.Title)));
        foreach (var (key, term, title) in templates)
        {
            if (!IsTerm(term))
                problems.Add($"{key}:Term: template term '{term}' is not an OCCI term (letters, digits, '-' and '_', starting with a letter or digit)");
            // rOCCI-cli splits text/occi header values on every comma, quoted or not: one such title in the query
            // interface makes the whole model unreadable to it.
            if (title.Contains(','))
                problems.Add($"{key}:Title: template title '{title}' contains a comma, which rOCCI-cli's text/occi mode cannot read");
        }
        foreach (var (t, i) in ResourceTemplates.Select((t, i) => (t, i)))
            if (t.Cores < 1 || t.MemoryGiB <= 0)
                problems.Add($"{Section}:ResourceTemplates:{i} '{t.Term}' needs at least one core (Cores) and some memory (MemoryGiB)");
        return problems;
    }

    // GFD.185 §3.5.1
    private static bool IsTerm(string term) =>
        term.Length > 0 && char.IsAsciiLetterOrDigit(term[0]) && term.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
