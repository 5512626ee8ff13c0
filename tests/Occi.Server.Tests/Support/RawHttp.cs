using System.Net.Sockets;
using System.Text;

namespace Occi.Server.Tests.Support;

/// <summary>
/// Sends a request byte for byte as written (HttpClient would normalise "/../" away), and returns
/// the status code of the answer: for tests of what a hostile or careless client can send.
/// </summary>
public static class RawHttp
{
    public static async Task<(int Status, string Response)> SendAsync(Uri server, string requestHead, string body = "")
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        await using var stream = tcp.GetStream();
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = requestHead.TrimEnd('\r', '\n') + $"\r\nHost: {server.Authority}\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(bytes);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync();
        var status = int.Parse(response.Split(' ', 3)[1]);
        return (status, response);
    }
}
