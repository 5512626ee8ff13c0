using System.Collections.Concurrent;

namespace Occi.Backends.Synnefo.Tests.Simulator;

/// <summary>
/// What the simulated Synnefo holds, shared by its services (one file each: <see cref="AstakosIdentity"/>,
/// <see cref="CycladesCompute"/>, <see cref="PlanktonImages"/>; synb adds network, block storage and quotas): Astakos'
/// users and tokens, Cyclades' flavors and servers, Plankton's images, and the switches a test turns (a service
/// answering 503, a quota). Tests read it afterwards: what the cloud holds is the proof of what the gateway did.
/// </summary>
internal sealed partial class SimulatedCloud
{
    private int _nextId = 5677;

    /// <summary>The user the tests act as, and the token Astakos knows for it.</summary>
    public const string UserId = "c18088be-16b1-4263-8180-043c54e22903";
    public const string UserName = "user@example.org";
    public const string Token = "CDEe2k0T/HdiJWBMMbHyOA==";

    /// <summary>A second user, for tests that need two tenants.</summary>
    public const string OtherUserId = "a9dc21d2-bcb2-4104-9a9e-402b7c70d6d8";
    public const string OtherToken = "0th3rT0k3n-hdiJWBMMbHyOA==";

    public SimulatedCloud()
    {
        Tokens[Token] = new SimulatedToken(UserId, UserName, DateTimeOffset.UtcNow.AddDays(30));
        Tokens[OtherToken] = new SimulatedToken(OtherUserId, "other@example.org", DateTimeOffset.UtcNow.AddDays(30));
        foreach (var flavor in (SimulatedFlavor[])[new(1, 1, 1024, 20, "drbd"), new(2, 2, 2048, 20, "drbd"), new(3, 4, 4096, 40, "ext_vlmc")])
            Flavors[flavor.Id] = flavor;
        Images["5583ffe1-5273-4c84-9e32-2fbe476bd7b7"] = new SimulatedImage("5583ffe1-5273-4c84-9e32-2fbe476bd7b7", "Debian Base", "available",
            new() { ["os"] = "debian", ["osfamily"] = "linux", ["users"] = "root", ["description"] = "Debian 12, the base image" });
        Images["907ef618-c03a-4473-9914-9348e12890c1"] = new SimulatedImage("907ef618-c03a-4473-9914-9348e12890c1", "Ubuntu-24.04", "available",
            new() { ["os"] = "ubuntu", ["osfamily"] = "linux", ["users"] = "user" });
        Images["d0d7e5d6-0000-4000-8000-00000000dead"] = new SimulatedImage("d0d7e5d6-0000-4000-8000-00000000dead", "Withdrawn", "deleted", []);
    }

    public ConcurrentDictionary<string, SimulatedToken> Tokens { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<int, SimulatedFlavor> Flavors { get; } = new();
    public ConcurrentDictionary<string, SimulatedImage> Images { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<int, SimulatedServer> Servers { get; } = new();

    /// <summary>Astakos' cyclades.vm quota: how many servers (not deleted) a user may have.</summary>
    public int ServerLimit { get; set; } = 10;

    /// <summary>Cyclades answers every request 503 (compute-api-guide: "503 Service Unavailable") while set.</summary>
    public bool CycladesUnavailable { get; set; }

    /// <summary>
    /// Called with each request's method and path as it reaches any service; the service answers once the returned
    /// task completes, so a test can hold one call at the door for as long as it needs.
    /// </summary>
    public Func<string, string, Task>? Hold { get; set; }

    /// <summary>Requests that reached Cyclades, for tests that count what the gateway sent.</summary>
    public int CycladesRequests => Volatile.Read(ref _cycladesRequests);
    private int _cycladesRequests;
    public void CountCycladesRequest() => Interlocked.Increment(ref _cycladesRequests);

    /// <summary>List Servers answered with a list (not 304), for tests that tell a sweep that saw changes.</summary>
    public int ServerListings => Volatile.Read(ref _serverListings);
    private int _serverListings;
    public void CountServerListing() => Interlocked.Increment(ref _serverListings);

    /// <summary>Get Server Details requests: what a GET that asked Cyclades, rather than answered from the read cache, costs.</summary>
    public int ServerReads => Volatile.Read(ref _serverReads);
    private int _serverReads;
    public void CountServerRead() => Interlocked.Increment(ref _serverReads);

    public int NewServerId() => Interlocked.Increment(ref _nextId);

    /// <summary>The holder of a token Astakos knows and that has not expired; null otherwise.</summary>
    public SimulatedToken? Holder(string? token) =>
        token is not null && Tokens.TryGetValue(token, out var known) && known.Expires > DateTimeOffset.UtcNow ? known : null;

    /// <summary>Ends a token's life now: Astakos and every service refuse it from here on.</summary>
    public void Expire(string token)
    {
        if (Tokens.TryGetValue(token, out var known)) Tokens[token] = known with { Expires = DateTimeOffset.UtcNow.AddSeconds(-1) };
    }

    public IEnumerable<SimulatedServer> LiveServersOf(string userId) => Servers.Values.Where(s => s.UserId == userId && s.Status != "DELETED");
}

internal sealed record SimulatedToken(string UserId, string UserName, DateTimeOffset Expires);

internal sealed record SimulatedFlavor(int Id, int Vcpus, int Ram, int Disk, string DiskTemplate)
{
    /// <summary>The name Synnefo gives a flavor: C{cpus}R{ram}D{disk}{disk template}.</summary>
    public string Name => $"C{Vcpus}R{Ram}D{Disk}{DiskTemplate}";
}

internal sealed record SimulatedImage(string Id, string Name, string Status, Dictionary<string, string> Properties);

/// <summary>A Cyclades server; its status and what was done to it change as the gateway acts.</summary>
internal sealed class SimulatedServer
{
    public required int Id { get; init; }
    public required string UserId { get; init; }
    public required string Name { get; set; }
    public required string ImageId { get; init; }
    public required int FlavorId { get; init; }
    public required Dictionary<string, string> Metadata { get; init; }
    public string? UserData { get; init; }
    public List<(string Path, string Contents, int? Mode)> Personality { get; init; } = [];
    public string Status { get; set; } = "BUILD";
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset Updated { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>The actions Cyclades accepted, in order ("start", "shutdown", "reboot SOFT").</summary>
    public List<string> Actions { get; } = [];
}
