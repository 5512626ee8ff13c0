using System.Collections.Concurrent;
using Occi.Infrastructure.Kinds;
using Occi.Infrastructure.Mixins;

namespace Occi.Backends.Local;

/// <summary>
/// Which links hang off which resource, and which MAC addresses are taken: what the simulator needs to
/// hand out device names, interface names and IP addresses the way a hypervisor would. Touched only
/// while the backend's write lock is held.
/// </summary>
internal sealed class Topology(ConcurrentDictionary<string, SimulatedEntity> entities)
{
    private readonly Dictionary<string, string> _idByLocation = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _linksByEnd = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Source, string Target)> _ends = new(StringComparer.Ordinal);
    private readonly HashSet<string> _macs = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The resource a link end names: a location the server placed it at, an absolute URI of one, or a
    /// path whose last segment is a backend id. Falls back to the reference itself.
    /// </summary>
    public string EndKey(string reference)
    {
        if (_idByLocation.TryGetValue(reference, out var id)) return id;
        var path = Uri.TryCreate(reference, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsolutePath : reference;
        if (_idByLocation.TryGetValue(path, out id)) return id;
        var last = path.TrimEnd('/');
        last = last[(last.LastIndexOf('/') + 1)..];
        return last.Length > 0 && entities.ContainsKey(last) ? last : reference;
    }

    public void Add(SimulatedEntity e)
    {
        if (e.Location is not null) _idByLocation[e.Location] = e.Id;
        if (!e.IsLink) return;
        var ends = (e.SourceId ?? EndKey(e.Source!), e.TargetId ?? EndKey(e.Target!));
        _ends[e.Id] = ends;
        Attach(ends.Item1, e.Id);
        Attach(ends.Item2, e.Id);
        if (e.GetString(NetworkInterface.Mac) is { } mac) _macs.Add(mac);
    }

    public void Remove(SimulatedEntity e)
    {
        if (e.Location is not null && _idByLocation.TryGetValue(e.Location, out var id) && id == e.Id) _idByLocation.Remove(e.Location);
        _linksByEnd.Remove(e.Id);
        if (!e.IsLink || !_ends.Remove(e.Id, out var ends)) return;
        Detach(ends.Source, e.Id);
        Detach(ends.Target, e.Id);
        if (e.GetString(NetworkInterface.Mac) is { } mac) _macs.Remove(mac);
    }

    /// <summary>Links whose source or target is this resource.</summary>
    public IEnumerable<SimulatedEntity> LinksOf(string resourceKey)
    {
        if (!_linksByEnd.TryGetValue(resourceKey, out var ids)) yield break;
        foreach (var id in ids.ToArray())
            if (entities.TryGetValue(id, out var link)) yield return link;
    }

    public SimulatedEntity? Resource(string key) => entities.TryGetValue(key, out var e) && !e.IsLink ? e : null;

    /// <summary>A locally administered, unicast MAC (02:…), unique in this cloud.</summary>
    public string NewMac()
    {
        Span<byte> b = stackalloc byte[5];
        while (true)
        {
            Random.Shared.NextBytes(b);
            var mac = $"02:{b[0]:x2}:{b[1]:x2}:{b[2]:x2}:{b[3]:x2}:{b[4]:x2}";
            if (!_macs.Contains(mac)) return mac;
        }
    }

    /// <summary>"vdb", "vdc", … "vdz", "vdaa", …: the first virtio disk name free on this compute; vda is its boot disk.</summary>
    public string NextDeviceId(string computeKey)
    {
        var used = LinksOf(computeKey).Where(l => l.Kind == StorageLink.Kind.Id && SourceOf(l) == computeKey)
            .Select(l => l.GetString(StorageLink.DeviceId)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        for (var i = 1; ; i++)
        {
            var name = "vd" + DiskSuffix(i);
            if (!used.Contains(name) && !used.Contains("/dev/" + name)) return name;
        }
    }

    /// <summary>"eth0", "eth1", …: the first interface name free on this compute.</summary>
    public string NextInterface(string computeKey)
    {
        var used = LinksOf(computeKey).Where(l => l.Kind == NetworkInterface.Kind.Id && SourceOf(l) == computeKey)
            .Select(l => l.GetString(NetworkInterface.Interface)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        for (var i = 0; ; i++)
            if (!used.Contains("eth" + i)) return "eth" + i;
    }

    /// <summary>IPv4 addresses networkinterfaces on this network already hold.</summary>
    public HashSet<uint> AddressesOn(string networkKey)
    {
        var used = new HashSet<uint>();
        foreach (var l in LinksOf(networkKey))
            if (l.Kind == NetworkInterface.Kind.Id && _ends.TryGetValue(l.Id, out var ends) && ends.Target == networkKey
                && Ipv4Block.TryParseAddress(l.GetString(IpNetworkInterface.Address), out var a))
                used.Add(a);
        return used;
    }

    private string? SourceOf(SimulatedEntity link) => _ends.TryGetValue(link.Id, out var ends) ? ends.Source : null;

    // Linux names disks a..z, then aa..az, ba..: bijective base 26.
    private static string DiskSuffix(int n)
    {
        var s = "";
        for (n++; n > 0; n = (n - 1) / 26) s = (char)('a' + (n - 1) % 26) + s;
        return s;
    }

    private void Attach(string key, string linkId)
    {
        if (!_linksByEnd.TryGetValue(key, out var set)) _linksByEnd[key] = set = new HashSet<string>(StringComparer.Ordinal);
        set.Add(linkId);
    }

    private void Detach(string key, string linkId)
    {
        if (_linksByEnd.TryGetValue(key, out var set) && set.Remove(linkId) && set.Count == 0) _linksByEnd.Remove(key);
    }
}
