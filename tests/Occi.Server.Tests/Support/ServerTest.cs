using System.Net;

namespace Occi.Server.Tests.Support;

/// <summary>Base of the HTTP tests: a fresh server per test, and short-hands for the requests tests repeat.</summary>
public abstract class ServerTest
{
    protected RunningServer Server = null!;
    protected HttpClient Http => Server.Client;

    /// <summary>Configuration the server of this fixture starts with (the backend, say).</summary>
    protected virtual (string Key, string Value)[] Settings => [];

    [SetUp]
    public async Task StartServer() => Server = await RunningServer.StartAsync(null, Settings);

    [TearDown]
    public async Task StopServer() => await Server.DisposeAsync();

    protected async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null,
        string contentType = "text/plain", string? accept = "text/plain", params (string Name, string Value)[] headers)
    {
        var request = Server.Request(method, path, accept);
        if (body is not null) request.Content = RunningServer.TextPlain(body, contentType);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await Http.SendAsync(request);
    }

    /// <summary>Creates a compute with text/plain and returns its path ("/compute/…").</summary>
    protected async Task<string> CreateComputeAsync(string extraLines = "")
    {
        var response = await SendAsync(HttpMethod.Post, "/compute/", OcciText.ComputeCategory + "\n" + extraLines);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return response.Headers.Location!.AbsolutePath;
    }

    protected async Task<string> CreateAsync(string kindPath, string body)
    {
        var response = await SendAsync(HttpMethod.Post, kindPath, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return response.Headers.Location!.AbsolutePath;
    }

    protected async Task<string> GetTextAsync(string path, HttpStatusCode expected = HttpStatusCode.OK, string accept = "text/plain")
    {
        var response = await SendAsync(HttpMethod.Get, path, accept: accept);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        return text;
    }
}
