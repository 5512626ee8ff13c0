using System.Net;
using System.Net.Sockets;

namespace Occi.Server.Tests.Support;

/// <summary>
/// An HTTP proxy on a loopback port in front of one OpenStack service, for tests that must see or break what the gateway
/// sends it: it counts requests, can hold each request for <see cref="Delay"/> before forwarding it (a slow service),
/// and can be stopped (connections refused, as a stopped service) and started again on the same port. The gateway
/// reaches it through Occi:OpenStack:EndpointOverrides (or IdentityUrl, for Keystone).
/// </summary>
internal sealed class LoopbackProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
        { "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Content-Length", "Host" };

    private readonly Uri _target;
    private readonly HttpClient _forward = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly CancellationTokenSource _disposed = new();
    private HttpListener? _listener;
    private CancellationTokenSource? _stopping;
    private Task? _loop;
    private int _requests;

    public LoopbackProxy(string target)
    {
        _target = new Uri(target.TrimEnd('/') + "/");
        Port = FreePort();
        Start();
    }

    public int Port { get; }

    /// <summary>The proxied endpoint, with the target's path (e.g. http://127.0.0.1:PORT/v2.1).</summary>
    public string Url => $"http://127.0.0.1:{Port}{_target.AbsolutePath.TrimEnd('/')}";

    /// <summary>Requests forwarded since the last <see cref="ResetCount"/>.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public void ResetCount() => Interlocked.Exchange(ref _requests, 0);

    /// <summary>How long each request is held before it is forwarded: a service slower than the gateway's timeout.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Called with each request's method and path (with its query) as it arrives; the request is forwarded once the
    /// returned task completes, so a test can hold one call at the service's door for as long as it needs.
    /// </summary>
    public Func<string, string, Task>? Hold { get; set; }

    /// <summary>"METHOD path" of every request, in the order they arrived.</summary>
    public IReadOnlyList<string> Seen => _seen.ToArray();

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _seen = new();

    public void Start()
    {
        if (_listener is not null) return;
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        _listener = listener;
        var stopping = _stopping = new CancellationTokenSource();
        _loop = Task.Run(() => AcceptAsync(listener, stopping.Token));
    }

    /// <summary>Stops listening: new connections are refused, as by a stopped service.</summary>
    public async Task StopAsync()
    {
        if (_listener is not { } listener) return;
        _listener = null;
        // The loop's wait ends by this token, not by Abort alone: a GetContextAsync begun as the listener closes may
        // never complete (seen: a test's dispose waited on it for half an hour).
        await _stopping!.CancelAsync();
        listener.Abort();
        try
        {
            await _loop!;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
        }
        _stopping.Dispose();
    }

    private async Task AcceptAsync(HttpListener listener, CancellationToken stopping)
    {
        while (listener.IsListening && !stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().WaitAsync(stopping);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
            {
                return;
            }
            _ = Task.Run(() => ForwardAsync(context));
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        var path = context.Request.RawUrl ?? "/";
        _seen.Enqueue(context.Request.HttpMethod + " " + path);
        try
        {
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay, _disposed.Token); // the slow service, not a wait of the test
            if (Hold is { } hold) await hold(context.Request.HttpMethod, path).WaitAsync(_disposed.Token);
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(new Uri(_target.GetLeftPart(UriPartial.Authority)), path));
            var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (body.Length > 0 || context.Request.HasEntityBody) request.Content = new ByteArrayContent(body.ToArray());
            foreach (var name in context.Request.Headers.AllKeys.OfType<string>())
            {
                if (HopByHop.Contains(name)) continue;
                var value = context.Request.Headers[name]!;
                if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
            // The target sees itself addressed, as without the proxy.
            request.Headers.Host = _target.Authority;
            using var response = await _forward.SendAsync(request);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
                if (!HopByHop.Contains(name)) context.Response.Headers[name] = string.Join(",", values);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or HttpRequestException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            try { context.Response.Abort(); } catch (ObjectDisposedException) { }
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        await StopAsync();
        _forward.Dispose();
        _disposed.Dispose();
    }
}
