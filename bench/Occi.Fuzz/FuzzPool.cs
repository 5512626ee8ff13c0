namespace Occi.Fuzz;

/// <summary>What the server holds as far as the fuzzer knows: entity locations by kind path, and the user mixins it defined.</summary>
public sealed class FuzzPool
{
    public const string Infra = "http://schemas.ogf.org/occi/infrastructure#";
    public const string UserScheme = "http://fuzz.example.org/tags#";

    /// <summary>Kind locations the fuzzer creates at, with the kind's term.</summary>
    public static readonly (string Path, string Term)[] Kinds =
    [
        ("/compute/", "compute"), ("/storage/", "storage"), ("/network/", "network"),
        ("/link/networkinterface/", "networkinterface"), ("/link/storagelink/", "storagelink"),
    ];

    private readonly Dictionary<string, List<string>> _entities = Kinds.ToDictionary(k => k.Path, _ => new List<string>());
    public List<string> UserMixins { get; } = []; // terms; each is at /<term>/

    /// <summary>How many user mixins of the fuzzer's scheme the server has, well-formed or not, and the term of one of them.</summary>
    public int UserMixinCount { get; set; }
    public string? OtherUserMixin { get; set; }

    public IReadOnlyList<string> Of(string kindPath) => _entities[kindPath];

    public IEnumerable<string> All => _entities.Values.SelectMany(l => l);

    public void Add(string location)
    {
        foreach (var (path, _) in Kinds)
            if (location.StartsWith(path, StringComparison.Ordinal) && !_entities[path].Contains(location))
            {
                _entities[path].Add(location);
                return;
            }
    }

    public void Remove(string location)
    {
        foreach (var list in _entities.Values) list.Remove(location);
    }

    /// <summary>Forgets what the server no longer lists (a collection or name-space DELETE took more than one).</summary>
    public void KeepOnly(IReadOnlySet<string> listed)
    {
        foreach (var list in _entities.Values) list.RemoveAll(l => !listed.Contains(l));
    }

    public string? Pick(Random random, string kindPath)
    {
        var list = _entities[kindPath];
        return list.Count == 0 ? null : list[random.Next(list.Count)];
    }

    public string? PickAny(Random random)
    {
        var all = All.ToList();
        return all.Count == 0 ? null : all[random.Next(all.Count)];
    }
}
