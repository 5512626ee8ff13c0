using System.Diagnostics;
using System.Text.Json;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>
/// Issue 17: Occi:Telemetry:JsonLogs=true writes one JSON object per console line, and a request's lines carry
/// its id (the one the client sent) as a scope. The server runs as its own process, its standard output read.
/// </summary>
[NonParallelizable]
public class JsonLogTests
{
    [Test]
    public async Task Json_logs_are_one_object_per_line_with_the_request_id_in_the_scopes()
    {
        var dll = ServerDll.Find();
        if (dll is null) Assert.Ignore("Occi.Server.dll with its runtimeconfig.json was not found next to the tests or in Occi.Server/bin");
        var data = Path.Combine(Path.GetTempPath(), "occi-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var start = new ProcessStartInfo("dotnet",
            [dll!, "--urls", "http://127.0.0.1:0", "--Occi:DataPath", data, "--Occi:Telemetry:JsonLogs", "true"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data,
        };
        using var server = Process.Start(start)!;
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var listening = await ReadUntilAsync(server, line => Message(line) is { } m && m.StartsWith("Now listening on: ", StringComparison.Ordinal), deadline.Token);
            var url = Message(listening)!["Now listening on: ".Length..];

            using var client = new HttpClient { BaseAddress = new Uri(url) };
            using var request = new HttpRequestMessage(HttpMethod.Get, "/-/");
            request.Headers.Add("X-Request-Id", "json-log-check-42");
            var answer = await client.SendAsync(request, deadline.Token);
            Assert.That(answer.Headers.GetValues("X-Request-Id").Single(), Is.EqualTo("json-log-check-42"));

            var served = await ReadUntilAsync(server, line => line.Contains("json-log-check-42", StringComparison.Ordinal)
                && line.Contains("\"Category\":\"Occi.Server.Http.RequestLogging\"", StringComparison.Ordinal), deadline.Token);
            using var doc = JsonDocument.Parse(served);
            var root = doc.RootElement;
            Assert.That(root.GetProperty("LogLevel").GetString(), Is.EqualTo("Information"));
            Assert.That(root.GetProperty("Message").GetString(), Does.Contain("GET /-/"));
            var scopes = root.GetProperty("Scopes").EnumerateArray()
                .Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("RequestId", out _))
                .Select(s => s.GetProperty("RequestId").GetString());
            Assert.That(scopes, Does.Contain("json-log-check-42"));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    private static string? Message(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.TryGetProperty("Message", out var m) ? m.GetString() : null;
        }
        catch (JsonException)
        {
            Assert.Fail($"a console line is not JSON: {line}");
            return null;
        }
    }

    /// <summary>Standard output's lines until one matches (each must be a JSON object), within the deadline.</summary>
    private static async Task<string> ReadUntilAsync(Process server, Func<string, bool> wanted, CancellationToken ct)
    {
        while (await server.StandardOutput.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0) continue;
            Assert.That(line.TrimStart(), Does.StartWith("{"), "one JSON object per line");
            if (wanted(line)) return line;
        }
        Assert.Fail("the server's output ended: " + await server.StandardError.ReadToEndAsync(ct));
        return "";
    }
}
