using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Occi.Server.Hosting;

namespace Occi.Server.Tests.Support;

/// <summary>
/// The real server on Kestrel, bound to a free loopback port, over a data folder of its own
/// (or a given one, for restart tests). Talk to it through <see cref="Client"/>.
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningServer(WebApplication app, string dataPath, Uri baseAddress)
    {
        _app = app;
        DataPath = dataPath;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public string DataPath { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>The server's own URL without the trailing slash, as rendered locations start.</summary>
    public string Root => BaseAddress.ToString().TrimEnd('/');

    public static Task<RunningServer> StartAsync(string? dataPath = null, params (string Key, string Value)[] settings) =>
        StartAsync(dataPath, null, settings);

    public static async Task<RunningServer> StartAsync(string? dataPath, Action<IServiceCollection>? configureServices, params (string Key, string Value)[] settings)
    {
        dataPath ??= Path.Combine(Path.GetTempPath(), "occi-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataPath);
        var args = new List<string> { "--urls", "http://127.0.0.1:0", "--Occi:DataPath", dataPath, "--Logging:LogLevel:Default", "Warning" };
        foreach (var (k, v) in settings) { args.Add("--" + k); args.Add(v); }
        var app = OcciServerApp.Build(args.ToArray(), configureServices);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A start the test expects to fail still built the container: what it opened (a libvirt connection keeping
            // test:///default's state for every later fixture of the process) is let go here, not at the process's end.
            await app.DisposeAsync();
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningServer(app, dataPath, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <summary>Stops the server and starts a new one on the same data folder.</summary>
    public async Task<RunningServer> RestartAsync(params (string Key, string Value)[] settings)
    {
        await StopAsync();
        return await StartAsync(DataPath, settings);
    }

    public async Task StopAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); } catch (ObjectDisposedException) { }
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string? accept = "text/plain")
    {
        var request = new HttpRequestMessage(method, path);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return request;
    }

    public static HttpContent TextPlain(string body, string mediaType = "text/plain") =>
        new StringContent(body, System.Text.Encoding.UTF8, new MediaTypeHeaderValue(mediaType));
}
