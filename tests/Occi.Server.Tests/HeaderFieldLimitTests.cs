using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Occi.Core.Registry;
using Occi.Rendering;
using Occi.Rendering.Text;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 11 item 6: text/occi writes one field per structure while it fits Occi:Limits:MaxHeaderFieldBytes
/// (rOCCI-cli reads only the first field of a name) and repeated fields within the bound beyond it, so clients
/// that cap a header line (Python's http.client at 65,536 bytes, curl at 100 KiB) read large listings; the
/// fields together carry the whole listing, and the log says text/plain is the better choice for such listings.
/// Read over a raw socket: the header lines exactly as sent.
/// </summary>
public class HeaderFieldLimitTests
{
    private const int DefaultBound = 32768;
    private readonly WarningLog _log = new();
    private RunningServer _server = null!;

    private async Task StartAsync(params (string Key, string Value)[] settings) =>
        _server = await RunningServer.StartAsync(null, services => services.AddSingleton<ILoggerProvider>(_log), settings);

    [TearDown]
    public async Task StopServer()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    /// <summary>The header fields of a text/occi GET, in order, as (name, value) lines of the raw response.</summary>
    private async Task<List<KeyValuePair<string, string>>> GetOcciFieldsAsync(string path)
    {
        var (status, response) = await RawHttp.SendAsync(_server.BaseAddress, $"GET {path} HTTP/1.1\r\nAccept: text/occi");
        Assert.That(status, Is.EqualTo(200), response[..Math.Min(response.Length, 500)]);
        var head = response[..response.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        return head.Split("\r\n").Skip(1)
            .Select(line => new KeyValuePair<string, string>(line[..line.IndexOf(':')], line[(line.IndexOf(':') + 1)..].Trim()))
            .ToList();
    }

    private static int LineBytes(KeyValuePair<string, string> field) => field.Key.Length + 2 + field.Value.Length;

    /// <summary>What the fields say together, read by the server's own text/occi parser against its model.</summary>
    private OcciRequest Reparse(List<KeyValuePair<string, string>> fields) =>
        new TextOcciRendering().Parse(ParseInput.FromHeaders(fields), _server.Services.GetRequiredService<CategoryRegistry>().Current);

    private async Task CreateUserMixinsAsync(int count)
    {
        var body = string.Join("\n", Enumerable.Range(0, count).Select(i =>
            $"Category: tag{i:D4}; scheme=\"http://example.org/tags#\"; class=\"mixin\"; title=\"tag number {i}\"; location=\"/tags/tag{i:D4}/\""));
        var r = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/-/") { Content = RunningServer.TextPlain(body) });
        Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.OK), await r.Content.ReadAsStringAsync());
    }

    private async Task<string[]> CreateComputesAsync(int count)
    {
        var locations = new ConcurrentBag<string>();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/compute/") { Content = RunningServer.TextPlain(OcciText.ComputeCategory) };
            var r = await _server.Client.SendAsync(request);
            Assert.That(r.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            locations.Add(r.Headers.Location!.ToString());
        });
        return locations.ToArray();
    }

    [Test]
    public async Task Query_interface_with_1000_user_mixins_comes_in_repeated_category_fields_within_the_bound_that_hold_every_mixin()
    {
        await StartAsync();
        await CreateUserMixinsAsync(1000);

        foreach (var pass in new[] { "rendered", "from the cache" })
        {
            var fields = await GetOcciFieldsAsync("/-/");

            var categories = fields.Where(f => f.Key == "Category").ToList();
            Assert.That(categories.Sum(f => f.Value.Length), Is.GreaterThan(100_000), pass);
            Assert.That(categories, Has.Count.GreaterThan(1), pass);
            Assert.That(fields.Select(LineBytes), Has.All.LessThanOrEqualTo(DefaultBound), pass);
            var terms = Reparse(fields).Categories.Select(c => c.Term).ToHashSet();
            Assert.That(Enumerable.Range(0, 1000).Select(i => $"tag{i:D4}"), Is.SubsetOf(terms), pass);
            Assert.That(terms, Does.Contain("compute").And.Contain("storage").And.Contain("start"), pass);
        }
        Assert.That(_log.Warnings.Count(w => w.Contains("text/plain") && w.Contains("MaxHeaderFieldBytes") && w.Contains("/-/")), Is.EqualTo(2));
    }

    [Test]
    public async Task Compute_collection_of_1000_members_comes_in_repeated_location_fields_within_the_bound_that_hold_every_member()
    {
        await StartAsync();
        var created = await CreateComputesAsync(1000);

        var fields = await GetOcciFieldsAsync("/compute/");

        Assert.That(fields.Count(f => f.Key == "X-OCCI-Location"), Is.GreaterThan(1));
        Assert.That(fields.Where(f => f.Key == "X-OCCI-Location").Sum(f => f.Value.Length), Is.GreaterThan(64 * 1024));
        Assert.That(fields.Select(LineBytes), Has.All.LessThanOrEqualTo(DefaultBound));
        Assert.That(Reparse(fields).Locations, Is.EquivalentTo(created));
        Assert.That(_log.Warnings.Any(w => w.Contains("text/plain") && w.Contains("/compute/")), Is.True);
    }

    [Test]
    public async Task Below_the_bound_each_structure_is_exactly_one_field_and_nothing_is_logged()
    {
        await StartAsync();
        await CreateUserMixinsAsync(20);
        var created = await CreateComputesAsync(20);

        var model = await GetOcciFieldsAsync("/-/");
        var listing = await GetOcciFieldsAsync("/compute/");

        Assert.That(model.Count(f => f.Key == "Category"), Is.EqualTo(1));
        Assert.That(listing.Count(f => f.Key == "X-OCCI-Location"), Is.EqualTo(1));
        Assert.That(Reparse(listing).Locations, Is.EquivalentTo(created));
        Assert.That(_log.Warnings.Where(w => w.Contains("MaxHeaderFieldBytes")), Is.Empty);
    }

    [Test]
    public async Task The_configured_bound_reaches_the_rendering()
    {
        await StartAsync(("Occi:Limits:MaxHeaderFieldBytes", "2048"));
        var created = await CreateComputesAsync(100);

        var fields = await GetOcciFieldsAsync("/compute/");

        Assert.That(fields.Count(f => f.Key == "X-OCCI-Location"), Is.GreaterThan(2));
        Assert.That(fields.Select(LineBytes), Has.All.LessThanOrEqualTo(2048));
        Assert.That(Reparse(fields).Locations, Is.EquivalentTo(created));
        Assert.That(_log.Warnings.Any(w => w.Contains("2048")), Is.True);
    }

    /// <summary>The server's warnings, as formatted.</summary>
    private sealed class WarningLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) Warnings.Enqueue(formatter(state, exception));
        }

        public void Dispose() { }
    }
}
