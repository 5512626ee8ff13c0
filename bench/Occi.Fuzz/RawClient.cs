using System.Net.Sockets;
using System.Text;

namespace Occi.Fuzz;

/// <summary>
/// A minimal HTTP/1.1 client over a socket, one connection per request (Connection: close, read to the end):
/// it sends the request line and headers as given, which HttpClient would validate or normalise.
/// </summary>
public sealed class RawClient(Uri server)
{
    public Uri Server { get; } = server.IsLoopback ? server : throw new ArgumentException($"the fuzzer talks to loopback only, not {server}");

    public async Task<RawResponse> SendAsync(FuzzRequest request, CancellationToken ct)
    {
        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(Server.Host, Server.Port, ct);
        await using var stream = tcp.GetStream();
        var body = Encoding.UTF8.GetBytes(request.Body);
        var head = new StringBuilder()
            .Append(request.Method).Append(' ').Append(request.Target).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(Server.Authority).Append("\r\n");
        foreach (var (name, value) in request.Headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        head.Append("Content-Length: ").Append(body.Length).Append("\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head.ToString()), ct);
        await stream.WriteAsync(body, ct);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return RawResponse.Parse(buffer.ToArray());
    }
}

/// <summary>Status, head and (unchunked) body of an answer; status 0 when the server closed without a whole status line.</summary>
public sealed record RawResponse(int Status, string Head, string Body)
{
    public static RawResponse Parse(byte[] bytes)
    {
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        var head = Encoding.UTF8.GetString(bytes, 0, end < 0 ? bytes.Length : end);
        var body = end < 0 ? [] : bytes.AsSpan(end + 4);
        var parts = head.Split(' ', 3);
        var status = parts.Length >= 2 && int.TryParse(parts[1], out var s) ? s : 0;
        var chunked = head.Contains("\r\nTransfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase);
        return new RawResponse(status, head, Encoding.UTF8.GetString(chunked ? Unchunk(body) : body));
    }

    private static byte[] Unchunk(ReadOnlySpan<byte> chunked)
    {
        using var result = new MemoryStream();
        while (chunked.Length > 0)
        {
            var lineEnd = chunked.IndexOf("\r\n"u8);
            if (lineEnd < 0 || !int.TryParse(Encoding.ASCII.GetString(chunked[..lineEnd]).Split(';')[0].Trim(),
                    System.Globalization.NumberStyles.HexNumber, null, out var size) || size <= 0) break;
            chunked = chunked[(lineEnd + 2)..];
            var take = Math.Min(size, chunked.Length);
            result.Write(chunked[..take]);
            chunked = chunked[Math.Min(chunked.Length, take + 2)..];
        }
        return result.ToArray();
    }
}
