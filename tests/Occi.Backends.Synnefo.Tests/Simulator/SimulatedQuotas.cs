namespace Occi.Backends.Synnefo.Tests.Simulator;

/// <summary>
/// Astakos' quota holder as the simulator keeps it (docs/quota-api-guide.rst, "Quotas"): per user, a limit for each
/// resource of the "system" source; the usage is counted from what the services hold. A service asks
/// <see cref="Exceeds"/> before it makes something; over a limit it answers 413 overLimit naming the resource, as
/// Cyclades does. A resource without a limit set is unlimited here.
/// </summary>
internal sealed class SimulatedQuotas
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string User, string Resource), long> _limits = [];
    private readonly Dictionary<string, List<Func<string, long>>> _usage = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<string, long?>> _limitSources = new(StringComparer.Ordinal);

    /// <summary>The resources the simulator knows, with their descriptions as Cyclades registers them (docs/quota-api-guide.rst, "Get Resource List").</summary>
    public static readonly IReadOnlyDictionary<string, (string Description, string? Unit)> Resources = new Dictionary<string, (string, string?)>
    {
        ["cyclades.vm"] = ("Number of virtual machines", null),
        ["cyclades.cpu"] = ("Number of virtual machine processors of running servers", null),
        ["cyclades.ram"] = ("Virtual machine memory size of running servers", "bytes"),
        ["cyclades.disk"] = ("Virtual machine disk size", "bytes"),
        ["cyclades.network.private"] = ("Number of private networks", null),
        ["cyclades.floating_ip"] = ("Number of Floating IP addresses", null),
    };

    public void SetLimit(string user, string resource, long limit)
    {
        lock (_gate) _limits[(user, resource)] = limit;
    }

    public void ClearLimits()
    {
        lock (_gate) _limits.Clear();
    }

    /// <summary>A limit another part of the simulator keeps (cyclades.vm: <see cref="SimulatedCloud.ServerLimit"/>), used when none is set here.</summary>
    public void LimitWith(string resource, Func<string, long?> limit)
    {
        lock (_gate) _limitSources[resource] = limit;
    }

    /// <summary>A service's count of a resource for a user; several services may count the same resource (cyclades.disk: servers and volumes).</summary>
    public void CountWith(string resource, Func<string, long> usage)
    {
        lock (_gate)
        {
            if (!_usage.TryGetValue(resource, out var counters)) _usage[resource] = counters = [];
            counters.Add(usage);
        }
    }

    public long? LimitOf(string user, string resource)
    {
        Func<string, long?>? source;
        lock (_gate)
        {
            if (_limits.TryGetValue((user, resource), out var limit)) return limit;
            source = _limitSources.GetValueOrDefault(resource);
        }
        return source?.Invoke(user);
    }

    public long UsageOf(string user, string resource)
    {
        List<Func<string, long>> counters;
        lock (_gate) counters = _usage.TryGetValue(resource, out var found) ? [.. found] : [];
        return counters.Sum(count => count(user));
    }

    /// <summary>The 413 message when <paramref name="requested"/> more of the resource would pass the user's limit; null when it fits.</summary>
    public string? Exceeds(string user, string resource, long requested)
    {
        if (LimitOf(user, resource) is not { } limit) return null;
        var available = Math.Max(0, limit - UsageOf(user, resource));
        return requested <= available ? null : $"Limit for resource '{resource}' exceeded for your account. Available: {available}, Requested: {requested}";
    }
}
