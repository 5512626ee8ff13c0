using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Occi.Tests.Cassettes;

namespace Occi.Cli.Tests.Support;

/// <summary>One request the replaying server received: what `occi` sent.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, string? Accept, string? ContentType, string Body);

/// <summary>
/// A loopback HTTP server that answers as another OCCI server once did: each request gets the recorded answer
/// (status, Content-Type, Location, body) of a cassette exchange with the same method, path and query — the last
/// one with a body when several were recorded. A request the cassette never saw gets 404. What `occi` sent is kept
/// in <see cref="Received"/>.
/// </summary>
public sealed class CassetteServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CassetteServer(WebApplication app, Uri root)
    {
        _app = app;
        Root = root.AbsoluteUri.TrimEnd('/');
    }

    public string Root { get; }

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public static Task<CassetteServer> ReplayAsync(Cassette cassette) => StartAsync(context => Answer(cassette, context));

    /// <summary>A server whose every answer is <paramref name="status"/> with a text/plain message, as a failing cloud's gateway.</summary>
    public static Task<CassetteServer> FailingAsync(int status, string message) => StartAsync(async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(message + "\n");
    });

    private static async Task<CassetteServer> StartAsync(Func<HttpContext, Task> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        CassetteServer? server = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            server!.Received.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.Headers.Accept.ToString(), context.Request.ContentType, body));
            await answer(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server = new CassetteServer(app, new Uri(address));
    }

    private static async Task Answer(Cassette cassette, HttpContext context)
    {
        var pathAndQuery = context.Request.Path + context.Request.QueryString;
        var recorded = cassette.Exchanges.Where(e => e.Method == context.Request.Method && e.PathAndQuery == pathAndQuery).ToList();
        var exchange = recorded.LastOrDefault(e => e.ResponseBody.Length > 0) ?? recorded.LastOrDefault();
        if (exchange is null)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync($"{context.Request.Method} {pathAndQuery} was not recorded in {cassette.Name}\n");
            return;
        }
        context.Response.StatusCode = exchange.Status;
        if (exchange.ResponseHeader("Content-Type") is { } type) context.Response.ContentType = type;
        if (exchange.ResponseHeader("Location") is { } location) context.Response.Headers.Location = location;
        await context.Response.Body.WriteAsync(exchange.ResponseBody);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
