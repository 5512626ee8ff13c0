using System.Diagnostics;
using System.Text;

namespace Occi.Fuzz;

/// <summary>How long a run goes and what it starts from. The run stops at whichever bound it reaches first.</summary>
public sealed record FuzzOptions(int Seed, int MaxRequests, TimeSpan MaxDuration);

/// <summary>A request that broke a promise: a 5xx, no answer, or a 4xx after which the server's state was not the same.</summary>
public sealed record FuzzFinding(string What, FuzzRequest Request, int Status, string ResponseBody)
{
    public override string ToString() =>
        $"{What}: {Status}\n{Request}\n--- answer ---\n{(ResponseBody.Length > 400 ? ResponseBody[..400] + "…" : ResponseBody)}";
}

public sealed class FuzzReport
{
    public int Sent { get; set; }
    public int StateChecks { get; set; }
    public SortedDictionary<int, int> ByStatus { get; } = [];
    public SortedDictionary<string, int> ByRoute { get; } = [];
    public List<FuzzFinding> Findings { get; } = [];
    public TimeSpan Elapsed { get; set; }

    public override string ToString() =>
        $"{Sent} requests in {Elapsed.TotalSeconds:N1} s ({StateChecks} with a state check); status: {string.Join(", ", ByStatus.Select(p => $"{p.Key}×{p.Value}"))}\n" +
        $"routes: {string.Join(", ", ByRoute.Select(p => $"{p.Key}×{p.Value}"))}\n" +
        $"findings: {Findings.Count}";
}

/// <summary>
/// The fuzz loop over a running server (loopback only): well-formed requests from <see cref="RequestCorpus"/>,
/// most of them damaged by <see cref="Mutator"/>, one at a time. Every answer must be below 500 (502 and 503
/// included: the Local backend never is unavailable), and a write answered 4xx must leave the state as it
/// was: the uri-list of every entity, the query interface (user mixins) and the touched location's rendering
/// are hashed before and after it. Seeded: the same seed makes the same requests while the server answers alike.
/// </summary>
public sealed class FuzzSession(Uri server, FuzzOptions options) : IDisposable
{
    private readonly Random _random = new(options.Seed);
    private readonly RawClient _raw = new(server);
    private readonly HttpClient _http = new() { BaseAddress = server };
    private readonly FuzzPool _pool = new();

    public void Dispose() => _http.Dispose();

    public async Task<FuzzReport> RunAsync(CancellationToken ct)
    {
        var report = new FuzzReport();
        var clock = Stopwatch.StartNew();
        var corpus = new RequestCorpus(_random, _pool);
        var mutator = new Mutator(_random);
        await SeedAsync(ct);
        while (report.Sent < options.MaxRequests && clock.Elapsed < options.MaxDuration)
        {
            var request = corpus.Next();
            if (_random.Next(6) != 0) mutator.Mutate(request, _random.Next(1, 4));
            await CheckAsync(request, report, ct);
            // Bounded listings keep the state digests cheap.
            if (_pool.All.Count() > 40) await DeleteOneAsync(ct);
            if (_pool.UserMixinCount > 20) await DeleteUserMixinAsync(ct);
            if (!_pool.Of("/compute/").Any() || !_pool.Of("/network/").Any() || _pool.UserMixins.Count == 0) await SeedAsync(ct);
        }
        report.Elapsed = clock.Elapsed;
        return report;
    }

    private async Task CheckAsync(FuzzRequest request, FuzzReport report, CancellationToken ct)
    {
        var stateless = request.Method is "GET" or "HEAD" or "OPTIONS";
        var before = stateless ? null : await DigestAsync(request, ct);

        var response = await _raw.SendAsync(request, ct);
        report.Sent++;
        report.ByStatus[response.Status] = report.ByStatus.GetValueOrDefault(response.Status) + 1;
        report.ByRoute[request.Route] = report.ByRoute.GetValueOrDefault(request.Route) + 1;

        if (response.Status == 0)
            report.Findings.Add(new FuzzFinding("no answer", request, 0, response.Head));
        else if (response.Status >= 500 && !DeclaresNewerOcci(request, response))
            report.Findings.Add(new FuzzFinding("server error", request, response.Status, response.Body));
        else if (response.Status >= 400 && before is not null)
        {
            report.StateChecks++;
            var after = await DigestAsync(request, ct);
            if (!after.SequenceEqual(before)) report.Findings.Add(new FuzzFinding("state changed after a 4xx: " + Difference(before, after), request, response.Status, response.Body));
        }
        if (response.Status is >= 200 and < 300 && !stateless) await SyncPoolAsync(ct);
    }

    /// <summary>GFD.185 §3.6: a client that declares an OCCI version this server does not speak is answered 501, by design.</summary>
    private static bool DeclaresNewerOcci(FuzzRequest request, RawResponse response) =>
        response.Status == 501 && (request.Header("User-Agent") ?? "").Contains("OCCI/2", StringComparison.Ordinal);

    /// <summary>What a 4xx must leave alone: every entity location, the query interface, and the touched location's rendering.</summary>
    private async Task<string[]> DigestAsync(FuzzRequest request, CancellationToken ct)
    {
        var parts = new List<string> { await GetAsync("/", "text/uri-list", ct), UserMixinLines(await GetAsync("/-/", "text/plain", ct)) };
        // The location the template aimed at (the mutated path may name nothing, or something else: the listing covers that).
        if (request.Touched is { } touched && touched != "/")
            parts.Add(touched + "\n" + await GetAsync(touched, touched.EndsWith('/') ? "application/occi+json" : "text/plain", ct));
        return parts.ToArray();
    }

    /// <summary>
    /// The mixins of the query interface but the backend's templates: images saved by a "save" action join the model at
    /// its next refresh (Occi:ModelRefreshSeconds), whatever request is being answered then. Sorted: the order of the
    /// query interface is no state, and a refresh may rebuild it in another order.
    /// </summary>
    private static string UserMixinLines(string queryInterface) => string.Join('\n', queryInterface.Split('\n')
        .Where(l => l.StartsWith("Category:", StringComparison.Ordinal) && l.Contains("class=\"mixin\"", StringComparison.Ordinal)
            && !l.Contains($"rel=\"{FuzzPool.Infra}os_tpl\"", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal));

    /// <summary>The first line that differs, for the report.</summary>
    private static string Difference(string[] before, string[] after)
    {
        foreach (var (b, a) in before.Zip(after))
        {
            if (b == a) continue;
            var (bl, al) = (b.Split('\n'), a.Split('\n'));
            var i = 0;
            while (i < bl.Length && i < al.Length && bl[i] == al[i]) i++;
            string Line(string[] lines) => i < lines.Length ? (lines[i].Length > 300 ? lines[i][..300] + "…" : lines[i]) : "(end)";
            return $"in {bl[0]}…, line {i + 1}: '{Line(bl)}' became '{Line(al)}'";
        }
        return "";
    }

    private async Task<string> GetAsync(string path, string accept, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(server.GetLeftPart(UriPartial.Authority) + path));
        message.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await _http.SendAsync(message, ct);
        return (int)response.StatusCode + "\n" + await response.Content.ReadAsStringAsync(ct);
    }

    /// <summary>What exists now: entities from the name-space listing, user mixins from the query interface.</summary>
    private async Task SyncPoolAsync(CancellationToken ct)
    {
        var listed = (await GetAsync("/", "text/uri-list", ct)).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("http", StringComparison.Ordinal)).Select(l => new Uri(l).AbsolutePath).ToHashSet();
        _pool.KeepOnly(listed);
        foreach (var l in listed) _pool.Add(l);
        _pool.UserMixins.Clear();
        _pool.UserMixinCount = 0;
        foreach (var line in (await GetAsync("/-/", "text/plain", ct)).Split('\n'))
        {
            var at = line.IndexOf($"scheme=\"{FuzzPool.UserScheme}\"", StringComparison.Ordinal);
            if (!line.StartsWith("Category: ", StringComparison.Ordinal) || at < 0) continue;
            var term = line["Category: ".Length..].Split(';')[0].Trim();
            _pool.UserMixinCount++;
            _pool.OtherUserMixin = term;
            // The corpus aims at a user mixin's collection as /<term>/: others (a mutated definition) are only listed.
            if (term.Length > 0 && term.All(char.IsAsciiLetterOrDigit) && line.Contains($"location=\"/{term}/\"", StringComparison.Ordinal)) _pool.UserMixins.Add(term);
        }
    }

    /// <summary>Valid creates (not counted as fuzz requests) so that every route has something to aim at.</summary>
    private async Task SeedAsync(CancellationToken ct)
    {
        var term = "fz" + _random.Next(1000);
        await PostAsync("/-/", $"Category: {term}; scheme=\"{FuzzPool.UserScheme}\"; class=\"mixin\"; location=\"/{term}/\"", ct);
        await PostAsync("/network/", $"Category: network; scheme=\"{FuzzPool.Infra}\"; class=\"kind\"", ct);
        await PostAsync("/storage/", $"Category: storage; scheme=\"{FuzzPool.Infra}\"; class=\"kind\"\nX-OCCI-Attribute: occi.storage.size=5", ct);
        await PostAsync("/compute/", $"Category: compute; scheme=\"{FuzzPool.Infra}\"; class=\"kind\"", ct);
        await SyncPoolAsync(ct);
    }

    private async Task PostAsync(string path, string body, CancellationToken ct)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "text/plain") };
        using var response = await _http.SendAsync(message, ct);
    }

    private async Task DeleteUserMixinAsync(CancellationToken ct)
    {
        var term = _pool.UserMixins.Count > 0 && _random.Next(2) == 0 ? _pool.UserMixins[_random.Next(_pool.UserMixins.Count)] : _pool.OtherUserMixin;
        using var message = new HttpRequestMessage(HttpMethod.Delete, "/-/")
        {
            Content = new StringContent($"Category: {term}; scheme=\"{FuzzPool.UserScheme}\"; class=\"mixin\"", Encoding.UTF8, "text/plain"),
        };
        using var response = await _http.SendAsync(message, ct);
        await SyncPoolAsync(ct);
    }

    private async Task DeleteOneAsync(CancellationToken ct)
    {
        if (_pool.PickAny(_random) is not { } victim) return;
        using var response = await _http.DeleteAsync(victim, ct);
        await SyncPoolAsync(ct);
    }
}
