namespace Occi.Server.Auth.X509;

/// <summary>
/// The vomsdir: per VO a folder of <c>&lt;host&gt;.lsc</c> files, each line 1 the VOMS server's DN and line 2 its CA's
/// DN (slash form; further lines name the CA's own issuers, and "------ NEXT CHAIN ------" starts another chain
/// for the same host, as when its certificate is renewed under another CA).
/// </summary>
internal sealed class VomsServers
{
    public static readonly VomsServers Empty = new(new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal));

    private readonly Dictionary<string, List<(string Server, string Ca)>> _byVo;

    private VomsServers(Dictionary<string, List<(string, string)>> byVo) => _byVo = byVo;

    /// <summary>How many VOs have a folder with at least one .lsc.</summary>
    public int Count => _byVo.Count;

    public static VomsServers Load(string vomsDir)
    {
        var byVo = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        foreach (var folder in new DirectoryInfo(vomsDir).EnumerateDirectories())
        {
            var pairs = new List<(string, string)>();
            foreach (var lsc in folder.EnumerateFiles("*.lsc"))
            {
                var chain = new List<string>();
                foreach (var raw in File.ReadLines(lsc.FullName).Append("------ NEXT CHAIN ------"))
                {
                    var line = raw.Trim();
                    if (line.Length == 0 || line[0] == '#') continue;
                    if (line.StartsWith("------", StringComparison.Ordinal))
                    {
                        if (chain.Count >= 2) pairs.Add((chain[0], chain[1]));
                        chain.Clear();
                    }
                    else chain.Add(line);
                }
            }
            if (pairs.Count > 0) byVo[folder.Name] = pairs;
        }
        return new VomsServers(byVo);
    }

    public bool Knows(string vo) => _byVo.ContainsKey(vo);

    /// <summary>Whether an .lsc of <paramref name="vo"/> names this server DN with this CA DN.</summary>
    public bool Trusts(string vo, string serverDn, string caDn) =>
        _byVo.TryGetValue(vo, out var pairs) && pairs.Any(p => p.Server == serverDn && p.Ca == caDn);
}
