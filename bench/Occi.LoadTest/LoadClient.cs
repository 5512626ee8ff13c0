using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Occi.LoadTest;

/// <summary>
/// A minimal HTTP/1.1 keep-alive client over raw sockets: it sends prepared request bytes and reads
/// one response (headers, then Content-Length bytes or the chunks of a chunked body). Cheap enough that
/// the server, not the client, is what a run measures on a shared 2-core machine.
/// </summary>
internal sealed class LoadClient : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;

    /// <summary>Body bytes of the last response read.</summary>
    public long LastBodyBytes { get; private set; }

    private LoadClient(Socket socket) => _socket = socket;

    public static async Task<LoadClient> ConnectAsync(Uri server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server.Host, server.Port);
        return new LoadClient(socket);
    }

    /// <summary>With --basic: the Authorization header every request to that server carries (the bare endpoint's do not).</summary>
    public static (Uri Server, string Value)? Authorization { get; set; }

    public static byte[] Request(string method, string path, Uri server, string? accept = "text/plain", string? body = null, string contentType = "text/plain")
    {
        var bodyBytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder()
            .Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(server.Authority).Append("\r\n");
        if (accept is not null) head.Append("Accept: ").Append(accept).Append("\r\n");
        if (Authorization is { } auth && auth.Server.Authority == server.Authority) head.Append("Authorization: ").Append(auth.Value).Append("\r\n");
        if (body is not null) head.Append("Content-Type: ").Append(contentType).Append("\r\n");
        head.Append("Content-Length: ").Append(bodyBytes.Length).Append("\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. bodyBytes];
    }

    /// <summary>Sends one request and reads the whole response; returns the status code.</summary>
    public async ValueTask<(int Status, string? Location)> SendAsync(byte[] request, bool wantLocation = false)
    {
        await _socket.SendAsync(request, SocketFlags.None);
        return await ReadResponseAsync(wantLocation);
    }

    /// <summary>
    /// HTTP/1.1 pipelining: sends <paramref name="depth"/> copies of the request in one write, then reads
    /// their responses in order; returns how many answered <paramref name="expectedStatus"/>. What the server
    /// costs per request once the client's round trips no longer sit between requests.
    /// </summary>
    public async ValueTask<int> SendPipelinedAsync(byte[] request, int depth, int expectedStatus)
    {
        var batch = new byte[request.Length * depth];
        for (var i = 0; i < depth; i++) request.CopyTo(batch, i * request.Length);
        await _socket.SendAsync(batch, SocketFlags.None);
        var ok = 0;
        for (var i = 0; i < depth; i++)
            if ((await ReadResponseAsync(false)).Status == expectedStatus) ok++;
        return ok;
    }

    private async ValueTask<(int Status, string? Location)> ReadResponseAsync(bool wantLocation)
    {
        int headerEnd;
        while ((headerEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0) await FillAsync();
        var head = _buffer.AsSpan(_start, headerEnd);
        var status = (head[9] - '0') * 100 + (head[10] - '0') * 10 + (head[11] - '0');
        // Read from the bytes: the client shares the process (and its GC) with the server it measures.
        var hasLength = TryHeaderValue(head, "content-length"u8, out var lengthText);
        var contentLength = hasLength && Utf8Parser.TryParse(lengthText, out long length, out _) ? length : 0;
        // A streamed answer (a large listing) has no length: its chunks are read instead.
        var chunked = !hasLength && TryHeaderValue(head, "transfer-encoding"u8, out var te)
            && Encoding.ASCII.GetString(te).Contains("chunked", StringComparison.OrdinalIgnoreCase);
        var location = wantLocation && TryHeaderValue(head, "location"u8, out var l) ? Encoding.ASCII.GetString(l) : null;
        _start += headerEnd + 4;
        LastBodyBytes = chunked ? await SkipChunksAsync() : await SkipAsync(contentLength);
        return (status, location);
    }

    private async ValueTask<long> SkipAsync(long length)
    {
        var total = length;
        while (_end - _start < length)
        {
            length -= _end - _start;
            _start = _end = 0;
            await FillAsync();
        }
        _start += (int)length;
        return total;
    }

    /// <summary>RFC 9112 §7.1: hex size line, data, CRLF; a zero size, then trailer lines up to an empty one.</summary>
    private async ValueTask<long> SkipChunksAsync()
    {
        var total = 0L;
        while (true)
        {
            var line = await ReadLineAsync();
            var size = long.Parse(line.Split(';')[0].Trim(), System.Globalization.NumberStyles.HexNumber);
            if (size == 0)
            {
                while ((await ReadLineAsync()).Length > 0) { }
                return total;
            }
            await SkipAsync(size + 2);
            total += size;
        }
    }

    private async ValueTask<string> ReadLineAsync()
    {
        int end;
        while ((end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0) await FillAsync();
        var line = Encoding.ASCII.GetString(_buffer, _start, end);
        _start += end + 2;
        return line;
    }

    private static bool TryHeaderValue(ReadOnlySpan<byte> head, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        while (!head.IsEmpty)
        {
            var end = head.IndexOf("\r\n"u8);
            var line = end < 0 ? head : head[..end];
            var colon = line.IndexOf((byte)':');
            if (colon > 0 && Ascii.EqualsIgnoreCase(line[..colon], name))
            {
                value = line[(colon + 1)..].Trim(" \t"u8);
                return true;
            }
            head = end < 0 ? default : head[(end + 2)..];
        }
        value = default;
        return false;
    }

    private async ValueTask FillAsync()
    {
        if (_start > 0 && _start == _end) _start = _end = 0;
        if (_end == _buffer.Length)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None);
        if (read == 0) throw new IOException("the server closed the connection");
        _end += read;
    }

    public void Dispose() => _socket.Dispose();
}

/// <summary>Throughput and latency percentiles of one scenario.</summary>
/// <param name="CpuMicrosPerRequest">The process's CPU time (server and client together) over the run, per request:
/// what a request costs, which a loaded machine distorts far less than the rate (a waiting thread takes none).</param>
internal sealed record LoadResult(string Name, long Requests, double Seconds, double P50Ms, double P99Ms, long Errors, double CpuMicrosPerRequest)
{
    public double RequestsPerSecond => Requests / Seconds;
}

internal static class LoadRun
{
    /// <summary>Runs <paramref name="connections"/> clients sending <paramref name="request"/> for a fixed time.</summary>
    public static async Task<LoadResult> RunAsync(string name, Uri server, byte[] request, int connections, TimeSpan duration, int expectedStatus = 200)
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => LoadClient.ConnectAsync(server)));
        // Warm up: JIT, connection setup, caches.
        var warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 2;
        await Task.WhenAll(clients.Select(async c => { while (Stopwatch.GetTimestamp() < warmUntil) await c.SendAsync(request); }));

        var latencies = new List<long>[connections];
        var errors = new long[connections];
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        var until = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(clients.Select(async (c, i) =>
        {
            var list = latencies[i] = new List<long>(1 << 16);
            while (true)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (t0 >= until) break;
                var (status, _) = await c.SendAsync(request);
                list.Add(Stopwatch.GetTimestamp() - t0);
                if (status != expectedStatus) errors[i]++;
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        foreach (var c in clients) c.Dispose();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(p * all.Length))] * 1000.0 / Stopwatch.Frequency;
        return new LoadResult(name, all.Length, seconds, Percentile(0.50), Percentile(0.99), errors.Sum(),
            all.Length == 0 ? 0 : cpu.TotalMicroseconds / all.Length);
    }
}
