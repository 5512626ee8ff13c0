using System.ComponentModel;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Occi.Server.Tests.Support;

/// <summary>
/// A real OpenID Connect provider (npm oidc-provider 8, Support/oidc/provider.mjs) on a free loopback port, issuing
/// JWT access tokens to its client-credentials clients occi-a and occi-b. Tests that need it report themselves
/// skipped when node or the package (npm ci in Support/oidc) is missing.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string Audience = "https://occi.test/";
    private readonly Process _node;
    private readonly HttpClient _http = new();

    private OidcProvider(Process node, string issuer)
    {
        _node = node;
        Issuer = issuer;
    }

    public string Issuer { get; }

    public static async Task<OidcProvider> StartOrIgnoreAsync()
    {
        var folder = Path.Combine(SourceFolder(), "Support", "oidc");
        if (!File.Exists(Path.Combine(folder, "node_modules", "oidc-provider", "package.json")))
            Assert.Ignore($"oidc-provider is not installed: run `npm ci` in {folder} (.ci/run does)");
        var start = new ProcessStartInfo("node", "provider.mjs")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process node;
        try
        {
            node = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            Assert.Ignore($"node cannot be started ({e.Message}): install nodejs (.ci/run does)");
            throw;
        }
        node.ErrorDataReceived += (_, _) => { };
        node.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await node.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("issuer ", StringComparison.Ordinal))
        {
            node.Kill(entireProcessTree: true);
            Assert.Ignore($"the OIDC provider did not start (it said '{line}')");
        }
        return new OidcProvider(node, line!["issuer ".Length..]);
    }

    /// <summary>A JWT access token for the client (client-credentials grant) with the resource as its audience.</summary>
    public async Task<string> TokenAsync(string client = "occi-a", string resource = Audience)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Issuer + "/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["resource"] = resource,
                ["scope"] = "compute",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.ASCII.GetBytes($"{client}:{client.Replace("occi-", "secret-")}")));
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            _node.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _node.Kill(entireProcessTree: true);
        }
        _node.Dispose();
    }

    /// <summary>tests/Occi.Server.Tests in the source tree, found upwards from the test binaries.</summary>
    public static string SourceFolder()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OcciGateway.sln"))) return Path.Combine(dir.FullName, "tests", "Occi.Server.Tests");
        throw new DirectoryNotFoundException("OcciGateway.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }
}
