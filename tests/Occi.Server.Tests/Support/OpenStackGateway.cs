using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Occi.Infrastructure;

namespace Occi.Server.Tests.Support;

/// <summary>
/// The gateway with Occi:Backend = OpenStack on the real OpenStack, and what a client does with it over HTTP: create a
/// compute from the tiny image and m1.tiny, trigger actions, poll until a state is reached (with Cache-Control:
/// no-cache, so the cloud is asked each time), delete. Requests carry the caller's Keystone token when there is one.
/// </summary>
internal sealed class OpenStackGateway : IAsyncDisposable
{
    public const string OsScheme = "http://schemas.openstack.org/template/os#";
    public const string ResourceScheme = "http://schemas.openstack.org/template/resource#";
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    private OpenStackGateway(RunningServer server, string? token)
    {
        Server = server;
        Token = token;
    }

    public RunningServer Server { get; }
    public string? Token { get; }

    /// <summary>The gateway acting as the configured <paramref name="account"/> (user = project), with these settings on top.</summary>
    public static async Task<OpenStackGateway> StartAsync(string account, string? token, params (string Key, string Value)[] extra)
    {
        List<(string, string)> settings =
        [
            ("Occi:Backend", "OpenStack"),
            ("Occi:OpenStack:IdentityUrl", OpenStackDirect.IdentityUrl),
            ("Occi:OpenStack:Username", account),
            ("Occi:OpenStack:Password", "secret"),
            ("Occi:OpenStack:ProjectName", account),
        ];
        settings.AddRange(extra);
        return new OpenStackGateway(await RunningServer.StartAsync(null, settings.ToArray()), token);
    }

    public HttpRequestMessage Request(HttpMethod method, string path, bool live = false)
    {
        var request = Server.Request(method, path);
        if (Token is not null) request.Headers.Add("X-Auth-Token", Token);
        if (live) request.Headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        return request;
    }

    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> SendAsync(HttpRequestMessage request)
    {
        var response = await Server.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>POST /compute/ from the tiny image and m1.tiny, with the extra lines (mixins, attributes) given.</summary>
    public async Task<(HttpStatusCode Status, string Body, string? Location)> CreateAsync(string image, params string[] lines)
    {
        var (status, body, response) = await SendAsync(CreateRequest(image, lines));
        return (status, body, response.Headers.Location?.AbsolutePath);
    }

    public HttpRequestMessage CreateRequest(string image, params string[] lines)
    {
        var create = Request(HttpMethod.Post, "/compute/");
        create.Content = RunningServer.TextPlain(string.Join("\n",
            [OcciText.ComputeCategory,
             $"Category: {image}; scheme=\"{OsScheme}\"; class=\"mixin\"",
             $"Category: {OpenStackDirect.TinyFlavorId}; scheme=\"{ResourceScheme}\"; class=\"mixin\"",
             .. lines]));
        return create;
    }

    /// <summary>Polls until the compute is in <paramref name="state"/> and Nova has settled (ACTIVE or SHUTOFF, no task under way).</summary>
    public Task<bool> StateReachedAsync(string location, string state, bool live = true) =>
        OpenStackDirect.EventuallyAsync(async () =>
        {
            var (status, body, _) = await SendAsync(Request(HttpMethod.Get, location, live));
            return status == HttpStatusCode.OK && OcciText.Attribute(body, "occi.compute.state") == state
                && OcciText.Attribute(body, "occi.compute.state.message") is "ACTIVE" or "SHUTOFF";
        }, Deadline);

    public async Task<HttpStatusCode> ActAsync(string location, string action, string? attribute = null)
    {
        var request = Request(HttpMethod.Post, location + "?action=" + action);
        var text = new StringBuilder(OcciText.Action("compute", action));
        if (attribute is not null) text.Append("\nX-OCCI-Attribute: ").Append(attribute);
        request.Content = RunningServer.TextPlain(text.ToString());
        var (status, body, _) = await SendAsync(request);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.NoContent), $"{action}: {body}");
        return status;
    }

    public async Task<HttpStatusCode> DeleteAsync(string location) => (await SendAsync(Request(HttpMethod.Delete, location))).Status;

    /// <summary>The ssh_key and user_data mixins with their attributes, for <see cref="CreateAsync"/>.</summary>
    public static string[] Contextualization(string publicKey, string userDataBase64) =>
    [
        $"Category: ssh_key; scheme=\"{InfrastructureSchemes.Credentials}\"; class=\"mixin\"",
        $"Category: user_data; scheme=\"{InfrastructureSchemes.Compute}\"; class=\"mixin\"",
        $"X-OCCI-Attribute: occi.credentials.ssh.publickey=\"{publicKey}\"",
        $"X-OCCI-Attribute: occi.compute.userdata=\"{userDataBase64}\"",
    ];

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
